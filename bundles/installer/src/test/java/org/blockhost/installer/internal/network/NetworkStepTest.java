package org.blockhost.installer.internal.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.StepException;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.ConfigurationAdmin;

/** The network step writes the public host answer to core, web and (with a guest login) libvirt. */
class NetworkStepTest {
    private final MemoryConfigAdmin memory = new MemoryConfigAdmin();
    private final Map<String, Dictionary<String, Object>> store = memory.store;

    private ConfigurationAdmin cm() {
        return memory.cm();
    }

    private static FinalizationContext context(String host) {
        return new FinalizationContext() {
            @Override public Optional<String> answer(String key) {
                return PublicHost.KEY.equals(key) ? Optional.ofNullable(host) : Optional.empty();
            }
            @Override public void publish(String key, String value) { }
            @Override public Optional<String> published(String key) { return Optional.empty(); }
            @Override public Path stateDirectory() { return Path.of("/nonexistent"); }
            @Override public Path configDirectory() { return Path.of("/nonexistent"); }
            @Override public boolean devMode() { return false; }
        };
    }

    @Test
    void thePublicHostReachesCoreWebAndTheGuestLogin() throws Exception {
        store.put(PublicHostConfig.WEB, new Hashtable<>(Map.of("hosts", new String[] {"admin.example.com"}, "rateLimit", 600)));
        store.put(PublicHostConfig.LIBVIRT, new Hashtable<>(Map.of("loginHost", "old", "loginChainId", 1L,
                "signingUrl", "https://vm.example.com/sign", "uri", "qemu:///system")));
        NetworkStep step = new NetworkStep(false, new PublicHostConfig(cm()));
        FinalizationContext ctx = context("VM.Example.com");
        assertFalse(step.isComplete(ctx));
        step.run(ctx);
        assertEquals("vm.example.com", store.get(PublicHostConfig.CORE).get("publicHost"));
        assertArrayEquals(new String[] {"admin.example.com", "vm.example.com"}, (String[]) store.get(PublicHostConfig.WEB).get("hosts"));
        assertEquals(600, store.get(PublicHostConfig.WEB).get("rateLimit"), "other settings stay");
        assertEquals("vm.example.com", store.get(PublicHostConfig.LIBVIRT).get("loginHost"));
        assertEquals("qemu:///system", store.get(PublicHostConfig.LIBVIRT).get("uri"));
        assertTrue(step.isComplete(ctx));
    }

    @Test
    void withoutAGuestLoginLibvirtIsLeftAlone() throws Exception {
        store.put(PublicHostConfig.LIBVIRT, new Hashtable<>(Map.of("uri", "qemu:///system")));
        NetworkStep step = new NetworkStep(false, new PublicHostConfig(cm()));
        step.run(context("203.0.113.7"));
        assertNull(store.get(PublicHostConfig.LIBVIRT).get("loginHost"), "all three login settings or none");
        assertArrayEquals(new String[] {"203.0.113.7"}, (String[]) store.get(PublicHostConfig.WEB).get("hosts"));
        assertTrue(step.isComplete(context("203.0.113.7")));
    }

    @Test
    void theAnswerIsRequiredAndCheckedOutsideDevMode() throws Exception {
        NetworkStep prod = new NetworkStep(false, new PublicHostConfig(cm()));
        assertFalse(prod.isComplete(context(null)));
        assertTrue(assertThrows(StepException.class, () -> prod.run(context(null))).getMessage().contains("Network page"));
        assertTrue(prod.problem(PublicHost.KEY, "localhost").isPresent());
        assertThrows(StepException.class, () -> prod.run(context("localhost")));
        assertTrue(store.isEmpty(), "nothing written");
        NetworkStep dev = new NetworkStep(true, new PublicHostConfig(cm()));
        assertTrue(dev.isComplete(context(null)), "dev keeps the dev home's configuration");
        assertEquals(Optional.empty(), dev.problem(PublicHost.KEY, "localhost"));
    }

    private static <T> T proxy(Class<T> type, java.util.function.Function<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(NetworkStepTest.class.getClassLoader(), new Class<?>[] {type},
                (p, m, a) -> answers.apply(m.getName())));
    }

    private static org.blockhost.engine.api.Engine engine(java.util.function.Supplier<java.util.OptionalLong> chainId) {
        return proxy(org.blockhost.engine.api.Engine.class, m -> "chainId".equals(m) ? chainId.get() : null);
    }

    private static org.blockhost.web.api.TlsEndpoint tls(String url) {
        return proxy(org.blockhost.web.api.TlsEndpoint.class, m -> "httpsUrl".equals(m) ? url : null);
    }

    @Test
    void guestsGetTheWalletLoginOfTheActiveEngineAndThisHostsSigningPage() throws Exception {
        store.put(PublicHostConfig.LIBVIRT, new Hashtable<>(Map.of("uri", "qemu:///system")));
        NetworkStep step = new NetworkStep(false, new PublicHostConfig(cm()), engine(() -> java.util.OptionalLong.of(8453)),
                tls("https://0.0.0.0:8443"));
        FinalizationContext ctx = context("vm.example.com");
        assertFalse(step.isComplete(ctx));
        step.run(ctx);
        Dictionary<String, Object> libvirt = store.get(PublicHostConfig.LIBVIRT);
        assertEquals("vm.example.com", libvirt.get("loginHost"));
        assertEquals(8453L, libvirt.get("loginChainId"));
        assertEquals("https://vm.example.com:8443/sign", libvirt.get("signingUrl"));
        assertTrue(step.isComplete(ctx));
        NetworkStep standardPort = new NetworkStep(false, new PublicHostConfig(cm()), engine(() -> java.util.OptionalLong.of(8453)),
                tls("https://0.0.0.0:443"));
        assertFalse(standardPort.isComplete(ctx), "another signing page is not complete");
        standardPort.run(ctx);
        assertEquals("https://vm.example.com/sign", store.get(PublicHostConfig.LIBVIRT).get("signingUrl"));
    }

    @Test
    void aFailingEngineOrAnIpv6HostLeavesTheGuestLoginAlone() throws Exception {
        store.put(PublicHostConfig.LIBVIRT, new Hashtable<>(Map.of("uri", "qemu:///system")));
        NetworkStep failing = new NetworkStep(false, new PublicHostConfig(cm()), engine(() -> {
            throw new IllegalStateException("plugin bug");
        }), tls("https://0.0.0.0:8443"));
        failing.run(context("vm.example.com"));
        assertNull(store.get(PublicHostConfig.LIBVIRT).get("loginChainId"), "the failure is fenced; nothing half-written");
        NetworkStep v6 = new NetworkStep(false, new PublicHostConfig(cm()), engine(() -> java.util.OptionalLong.of(1)),
                tls("https://0.0.0.0:8443"));
        v6.run(context("2001:db8::7"));
        assertNull(store.get(PublicHostConfig.LIBVIRT).get("signingUrl"), "pam_web3 takes a name or an IPv4 address");
        assertEquals("2001:db8::7", store.get(PublicHostConfig.CORE).get("publicHost"));
    }
}
