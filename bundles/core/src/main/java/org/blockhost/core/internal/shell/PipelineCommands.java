package org.blockhost.core.internal.shell;

import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.console.api.PipelineStatus.Entry;
import org.blockhost.core.internal.pipeline.PipelineComponent;
import org.blockhost.platform.api.CommandRoles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code blockhost pipeline [--parked]} and {@code blockhost pipeline retry SUBSCRIPTION}. */
@Component(service = PipelineCommands.class, property = {
        CommandRoles.PROPERTY + "=pipeline=read",
        CommandRoles.PROPERTY + "=pipeline --parked=read",
        CommandRoles.PROPERTY + "=pipeline *=operate"})
@GogoCommand(scope = "blockhost", function = {"pipeline"})
public final class PipelineCommands {
    private final PipelineComponent pipeline;

    @Activate
    public PipelineCommands(@Reference PipelineComponent pipeline) {
        this.pipeline = pipeline;
    }

    @Descriptor("subscriptions not yet active, and parked ones")
    public void pipeline(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json, @Descriptor("only parked") @Parameter(names = "--parked", absentValue = "false",
            presentValue = "true") boolean parkedOnly) {
        List<Entry> entries = parkedOnly ? pipeline.parked() : pipeline.entries();
        if (json) {
            Printer.json(System.out, entries.stream().map(e -> Map.of("subscription", e.subscriptionId(), "stage", e.stage(),
                    "attempts", e.attempts(), "parked", !e.parkedReason().isEmpty(), "reason", e.parkedReason(),
                    "updated", e.updated().toString())).toList());
            return;
        }
        if (entries.isEmpty()) {
            System.out.println(parkedOnly ? "no parked subscriptions" : "pipeline empty: every subscription is active");
            return;
        }
        Printer.table(System.out, new String[] {"SUBSCRIPTION", "STAGE", "ATTEMPTS", "UPDATED", "PARKED REASON"},
                entries.stream().map(e -> new String[] {Long.toString(e.subscriptionId()), e.stage(),
                    Integer.toString(e.attempts()), e.updated().toString(), e.parkedReason()}).toList());
    }

    @Descriptor("pipeline retry SUBSCRIPTION: retry a parked subscription")
    public void pipeline(@Descriptor("print JSON") @Parameter(names = "--json", absentValue = "false", presentValue = "true")
            boolean json, @Descriptor("retry") String action, @Descriptor("subscription id") String subscription) {
        if (!"retry".equals(action)) {
            throw new IllegalArgumentException("usage: pipeline [--parked] | pipeline retry SUBSCRIPTION");
        }
        long id;
        try {
            id = Long.parseLong(subscription);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("subscription id must be a number: " + subscription);
        }
        boolean done = pipeline.retry(id, "operator");
        if (!done) {
            throw new IllegalArgumentException("subscription " + id + " is not parked");
        }
        if (json) {
            Printer.json(System.out, Map.of("subscription", id, "retried", true));
        } else {
            System.out.println("subscription " + id + " queued for retry");
        }
    }
}
