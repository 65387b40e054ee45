package org.blockhost.core.internal.inbox;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.blockhost.core.internal.admin.AdminCommandsComponent;
import org.blockhost.core.internal.pipeline.PipelineComponent;
import org.blockhost.core.internal.store.CoreStore;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainEventSink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The {@link ChainEventSink} service engines deliver to; wakes the pipeline after each commit and hands new admin commands over. */
@Component(service = ChainEventSink.class)
public final class ChainInbox implements ChainEventSink {
    private final EventInbox inbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PipelineComponent pipeline;

    @Activate
    public ChainInbox(@Reference CoreStore store, @Reference AdminCommandsComponent admin) {
        this.inbox = new EventInbox(store.db(), Clock.systemUTC(), this::wake, admin::accept);
    }

    private void wake() {
        PipelineComponent p = pipeline;
        if (p != null) {
            p.wakeUp();
        }
    }

    @Override
    public void commit(String engineId, List<ChainEvent> events, ChainCursor cursor) {
        inbox.commit(engineId, events, cursor);
    }

    @Override
    public Optional<ChainCursor> cursor(String engineId) {
        return inbox.cursor(engineId);
    }

    @Override
    public List<ChainEvent> reorg(String engineId, ChainCursor forkPoint) {
        return inbox.reorg(engineId, forkPoint);
    }
}
