package org.blockhost.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;

import org.blockhost.console.api.PipelineStatus;
import org.blockhost.console.api.VmRegistry;
import org.blockhost.engine.api.ChainCursor;
import org.blockhost.engine.api.ChainEvent;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.CredentialSealer;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EventOrigin;
import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.VmStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;

/**
 * A purchase committed through the chain event sink goes through core's pipeline with the test
 * plugins and the crypto bundle's sealer: VM created, credentials sealed, NFT minted, owner set,
 * active. Replaying the same batch changes nothing. A purchase whose access key is not a point on
 * secp256k1 is parked before any VM exists (the crypto bundle's check, imported by core).
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class PipelineTest {
    /** The secp256k1 generator point, compressed: a valid access key. */
    private static final String ACCESS_KEY = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    private static final String SUBSCRIBER = "0x00000000000000000000000000000000000000aa";

    @InjectBundleContext
    BundleContext context;

    @InjectService
    ChainEventSink sink;

    @InjectService
    VmRegistry vms;

    @InjectService
    PipelineStatus pipeline;

    @InjectService
    ConfigurationAdmin configAdmin;

    @InjectService
    CredentialSealer sealer;

    @Test
    void aPurchaseBecomesAnActiveVmWithAnNftOnce() throws Exception {
        assertEquals("EciesCredentialSealer", sealer.getClass().getSimpleName());
        Configuration plans = configAdmin.getConfiguration("org.blockhost.core.plans", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("plans", new String[] {"1:1:512:10"});
        plans.update(props);
        try (Harness harness = new Harness(context)) {
            harness.install("engine");
            harness.install("provisioner");
            Harness.await("plugins bound", Duration.ofSeconds(20), () -> context.getServiceReference(Engine.class) != null
                    && context.getServiceReference(Provisioner.class) != null);
            EventOrigin origin = new EventOrigin(5, "0xb5", "0xt1", 0);
            List<ChainEvent> batch = List.of(new ChainEvent.SubscriptionCreated(1, 1, SUBSCRIBER,
                    Instant.now().plus(Duration.ofDays(30)), ACCESS_KEY, origin));
            sink.commit("test-engine", batch, new ChainCursor(5, "0xb5"));
            Harness.await("blockhost-001 active", Duration.ofSeconds(60), () -> vms.find("blockhost-001")
                    .map(v -> "active".equals(v.state()) && v.tokenId().isPresent()).orElse(false));
            VmRegistry.VmRecord vm = vms.find("blockhost-001").orElseThrow();
            assertEquals(1, vm.subscriptionId());
            assertEquals(Optional.of(1L), vm.tokenId(), "the test engine mints token 1 for the first subscription");
            Provisioner provisioner = context.getService(context.getServiceReference(Provisioner.class));
            assertEquals(VmStatus.ACTIVE, provisioner.status("blockhost-001"));

            sink.commit("test-engine", batch, new ChainCursor(5, "0xb5"));
            Thread.sleep(1500);
            assertEquals(1, vms.list().size(), "a replayed batch creates nothing");
            assertEquals(Optional.of(new ChainCursor(5, "0xb5")), sink.cursor("test-engine"));
            assertTrue(pipeline.entries().isEmpty(), "nothing parked or pending: " + pipeline.entries());

            // 02 || x with x = 5 is no point on secp256k1: parked at received, and no VM is ever created
            sink.commit("test-engine", List.of(new ChainEvent.SubscriptionCreated(2, 1, SUBSCRIBER,
                    Instant.now().plus(Duration.ofDays(30)), "02" + "0".repeat(63) + "5", new EventOrigin(6, "0xb6", "0xt2", 0))),
                    new ChainCursor(6, "0xb6"));
            Harness.await("subscription 2 parked", Duration.ofSeconds(30), () -> pipeline.entries().stream()
                    .anyMatch(e -> e.subscriptionId() == 2 && e.parkedReason().contains("not a valid compressed secp256k1 point")));
            assertTrue(vms.find("blockhost-002").isEmpty(), "no VM for an off-curve access key");
            assertEquals(VmStatus.DESTROYED, provisioner.status("blockhost-002"), "the provisioner never created it");
        } finally {
            plans.delete();
        }
    }
}
