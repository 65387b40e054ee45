package org.blockhost.core.internal.metrics;

import java.util.Map;

import org.blockhost.core.internal.lifecycle.LifecycleComponent;
import org.blockhost.core.internal.pipeline.PipelineComponent;
import org.blockhost.core.internal.store.VmRegistryService;

/** Pipeline, VM and chain metrics for {@code /metrics}; each part is skipped while its component is absent. */
final class PipelineGauges {

    private PipelineGauges() {
    }

    static void write(PrometheusText text, PipelineComponent pipeline, VmRegistryService registry,
            LifecycleComponent lifecycle) {
        if (pipeline != null) {
            long[] depth = pipeline.depthAndParked();
            text.family("blockhost_pipeline_queue_depth", "gauge", "Subscriptions in the pipeline, not active, not parked")
                    .sample("blockhost_pipeline_queue_depth", depth[0]);
            text.family("blockhost_pipeline_parked", "gauge", "Parked subscriptions waiting for an operator")
                    .sample("blockhost_pipeline_parked", depth[1]);
            pipeline.metrics().write(text);
        }
        if (registry != null) {
            text.family("blockhost_vms", "gauge", "VMs in the store by state");
            registry.vms().countByState().forEach((state, n) -> text.sample("blockhost_vms", Map.of("state", state), n));
            text.family("blockhost_vms_ready", "gauge", "VMs whose guest reported its first boot finished (ready for login)")
                    .sample("blockhost_vms_ready", registry.vms().countReady());
            registry.vms().typicalBootSeconds().ifPresent(s -> text.family("blockhost_vm_boot_seconds", "gauge",
                    "Median seconds from VM creation to ready of the last VMs").sample("blockhost_vm_boot_seconds", s));
            if (lifecycle != null) {
                Map<String, Long> heads = lifecycle.lifecycle().heads();
                text.family("blockhost_chain_lag_blocks", "gauge", "Chain head minus the engine's committed cursor");
                registry.vms().cursors().forEach((engine, block) -> {
                    Long head = heads.get(engine);
                    if (head != null) {
                        text.sample("blockhost_chain_lag_blocks", Map.of("engine", engine), Math.max(0, head - block));
                    }
                });
                var drift = lifecycle.reconciler().drift();
                text.family("blockhost_vm_drift", "gauge", "VMs only in the store (missing), only on the hypervisor (unknown),"
                        + " or made by a provisioner that is not active (elsewhere)")
                        .sample("blockhost_vm_drift", Map.of("kind", "missing"), drift.missing().size())
                        .sample("blockhost_vm_drift", Map.of("kind", "unknown"), drift.unknown().size())
                        .sample("blockhost_vm_drift", Map.of("kind", "elsewhere"), drift.elsewhere().size());
            }
        }
    }
}
