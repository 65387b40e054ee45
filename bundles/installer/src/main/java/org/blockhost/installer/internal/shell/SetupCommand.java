package org.blockhost.installer.internal.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.blockhost.installer.api.FinalizationStatus;
import org.blockhost.installer.internal.finalize.AnswersFile;
import org.blockhost.installer.internal.finalize.FinalizationRunner;
import org.blockhost.installer.api.SetupService;
import org.blockhost.installer.internal.finalize.Json;
import org.blockhost.installer.internal.web.FinalizationServlet;
import org.blockhost.platform.api.CommandRoles;
import org.blockhost.web.api.SetupGate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code blockhost setup --answers FILE} (feed wizard answers and run finalization),
 * {@code blockhost setup status [--json]} and {@code blockhost setup retry STEP}. The runtime never
 * opens the answers file: the launcher's client reads it with the caller's own permissions and
 * sends {@code setup --answers-content NAME TEXT} ({@link #CONTENT}).
 */
@Component(service = SetupCommand.class, property = {
        CommandRoles.PROPERTY + "=setup status=read",
        CommandRoles.PROPERTY + "=setup *=operate"})
@GogoCommand(scope = "blockhost", function = "setup")
public final class SetupCommand {
    static final String USAGE = "usage: setup --answers FILE | setup status [--json] | setup retry STEP"
            + " | setup code | setup reopen | setup close";
    /** The option carrying an answers file's name and text, as sent by the launcher's client. */
    public static final String CONTENT = "--answers-content";
    private final FinalizationRunner runner;
    private final SetupService setup;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SetupGate gate;

    @Activate
    public SetupCommand(@Reference FinalizationRunner runner, @Reference SetupService setup) {
        this.runner = runner;
        this.setup = setup;
    }

    @Descriptor("setup: --answers FILE | status [--json] | retry STEP | code | reopen | close")
    public void setup(String... args) {
        List<String> a = List.of(args);
        PrintStream out = System.out;
        if (a.size() == 3 && CONTENT.equals(a.get(0))) {
            Map<String, String> answers = AnswersFile.parse(a.get(1), a.get(2).lines().toList(), runner.answerKeys());
            setup.save(answers);
            report(out, setup.run());
        } else if (!a.isEmpty() && "--answers".equals(a.get(0))) {
            throw new IllegalArgumentException("the runtime does not open answers files: run 'blockhost setup --answers FILE'"
                    + " (the launcher reads FILE with your permissions and sends its text)");
        } else if (!a.isEmpty() && "status".equals(a.get(0)) && a.size() <= 2) {
            status(out, a.size() == 2 && "--json".equals(a.get(1)));
        } else if (a.size() == 2 && "retry".equals(a.get(0))) {
            report(out, setup.retry(a.get(1)));
        } else if (a.size() == 1 && List.of("code", "reopen", "close").contains(a.get(0))) {
            gate(out, a.get(0));
        } else {
            throw new IllegalArgumentException(USAGE);
        }
    }

    /** {@code setup code} (a new code while /setup is open), {@code reopen}, {@code close}. */
    private void gate(PrintStream out, String what) {
        SetupGate g = gate;
        if (g == null) {
            throw new IllegalStateException("the web surfaces are not running");
        }
        switch (what) {
            case "code" -> out.println("setup code: " + g.newCode() + " (valid 4 hours; the previous code no longer works)");
            case "reopen" -> out.println("/setup is open again; setup code: " + g.reopen()
                    + " (valid 4 hours; 'blockhost setup close' closes it)");
            default -> {
                g.close();
                out.println(g.open() ? "/setup stays open: setup is not complete" : "/setup is closed");
            }
        }
    }

    private void report(PrintStream out, SetupService.Result result) {
        status(out, false);
        if (!result.complete()) {
            throw new IllegalStateException("setup is not complete"
                    + (result.failedStep().isEmpty() ? ": " : ": step '" + result.failedStep() + "' failed: ") + result.error());
        }
        out.println("setup complete");
    }

    private void status(PrintStream out, boolean json) {
        List<FinalizationStatus.StepStatus> steps = runner.steps();
        if (json) {
            try {
                out.println(Json.MAPPER.writeValueAsString(FinalizationServlet.body(runner, steps, setup.running())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        if (steps.isEmpty()) {
            out.println("no finalization steps registered");
        }
        for (FinalizationStatus.StepStatus s : steps) {
            out.printf("%-8s %-14s %-28s %s%n", s.state().name().toLowerCase(), s.phase(), s.id(),
                    s.error().isEmpty() ? s.label() : s.label() + " - " + s.error());
        }
    }
}
