package org.blockhost.provisioner.libvirt.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.blockhost.installer.api.FinalizationContext;
import org.blockhost.installer.api.Phase;
import org.blockhost.installer.api.StepException;
import org.blockhost.provisioner.libvirt.internal.SettingsTest;
import org.blockhost.provisioner.libvirt.internal.wizard.FakeConfigAdmin;
import org.blockhost.provisioner.libvirt.internal.wizard.Ipv6Answer;
import org.blockhost.provisioner.libvirt.internal.wizard.SetupForm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateStepTest {
    @TempDir
    Path dir;

    record Ctx(Map<String, String> answers, Map<String, String> published, Path dir, boolean devMode)
            implements FinalizationContext {
        @Override public Optional<String> answer(String key) { return Optional.ofNullable(answers.get(key)); }
        @Override public void publish(String key, String value) { published.put(key, value); }
        @Override public Optional<String> published(String key) { return Optional.ofNullable(published.get(key)); }
        @Override public Path stateDirectory() { return dir; }
        @Override public Path configDirectory() { return dir; }
    }

    TemplateStep step(FakeConfigAdmin cm) {
        return new TemplateStep(cm.admin(), null, SettingsTest.config(Map.of("templateDir", dir.toString())), true);
    }

    @Test
    void answersAreCheckedLikeTheWizardPage() {
        TemplateStep step = step(new FakeConfigAdmin());
        assertTrue(step.problem(SetupForm.GRACE, "many").isPresent());
        assertTrue(step.problem(SetupForm.POOL, "10.0.0.0/99").isPresent());
        assertEquals(Optional.empty(), step.problem(SetupForm.GRACE, "7"));
        assertEquals(Optional.empty(), step.problem(SetupForm.URI, "test:///default"));
    }

    @Test
    void devModeStoresAnswersAndPublishesAPlaceholderTemplate() throws Exception {
        FakeConfigAdmin cm = new FakeConfigAdmin();
        TemplateStep step = step(cm);
        assertEquals(Phase.PROVISIONER, step.phase());
        assertTrue(step.answerKeys().containsAll(List.of(SetupForm.URI, SetupForm.POOL, TemplateStep.PACKAGES)));
        Ctx ctx = new Ctx(Map.of(SetupForm.URI, "test:///default", SetupForm.GRACE, "3",
                TemplateStep.PACKAGES, "libpam-web3, zsh"), new HashMap<>(), dir, true);
        assertFalse(step.isComplete(ctx));
        step.run(ctx);
        assertEquals("test:///default", cm.props.get("uri"));
        assertEquals(3, cm.pid(SetupForm.CORE_LIFECYCLE_PID).get("gracePeriodDays"), "core owns the grace period");
        assertFalse(cm.props.containsKey("graceDays") || cm.props.containsKey("gracePeriodDays"), "no second copy");
        String sha = ctx.published().get(TemplateStep.SHA256);
        String file = Files.readString(dir.resolve("debian-12.current")).strip();
        assertTrue(file.matches("debian-12-[0-9a-f]{16}\\.qcow2"), file);
        assertEquals(TemplateService.sha256(dir.resolve(file)), sha);
        assertTrue(Files.readString(dir.resolve(file.replace(".qcow2", ".recipe"))).contains("libpam-web3"));
        assertTrue(step.isComplete(ctx));
        step.run(ctx);
        assertEquals(sha, ctx.published().get(TemplateStep.SHA256), "reused");
    }

    @Test
    void invalidAnswersFailWithFieldMessages() {
        FakeConfigAdmin cm = new FakeConfigAdmin();
        Ctx ctx = new Ctx(Map.of(SetupForm.POOL, "10.0.0.0/4", SetupForm.NETWORK, "br 0"), new HashMap<>(), dir, true);
        StepException e = assertThrows(StepException.class, () -> step(cm).run(ctx));
        assertTrue(e.getMessage().contains("address pool") && e.getMessage().contains("bridge name"), e.getMessage());
        assertEquals(0, cm.updates);
        Ctx pkgs = new Ctx(Map.of(TemplateStep.PACKAGES, "ok, Bad;rm"), new HashMap<>(), dir, true);
        assertThrows(StepException.class, () -> step(cm).run(pkgs));
    }

    @Test
    void storageFailureIsReportedWithoutItsText() {
        FakeConfigAdmin cm = new FakeConfigAdmin();
        cm.fail = true;
        Ctx ctx = new Ctx(Map.of(SetupForm.GRACE, "3"), new HashMap<>(), dir, true);
        StepException e = assertThrows(StepException.class, () -> step(cm).run(ctx));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    /** The IPv6 page's two answers become ipv6Prefix and ipv6Uplink; no prefix, no uplink; a bad uplink stores nothing. */
    @Test
    void ipv6PrefixAndUplinkAreStoredTogether() throws Exception {
        FakeConfigAdmin cm = new FakeConfigAdmin();
        TemplateStep step = step(cm);
        assertTrue(step.answerKeys().contains(Ipv6Answer.UPLINK_KEY));
        assertEquals(Optional.empty(), step.problem(Ipv6Answer.UPLINK_KEY, "none"));
        assertEquals(Optional.empty(), step.problem(Ipv6Answer.UPLINK_KEY, "enp1s0"));
        assertTrue(step.problem(Ipv6Answer.UPLINK_KEY, "lo").isPresent());
        step.run(new Ctx(Map.of(SetupForm.URI, "test:///default", Ipv6Answer.KEY, "2001:db8:1::/64",
                Ipv6Answer.UPLINK_KEY, "eth0"), new HashMap<>(), dir, true));
        assertEquals("2001:db8:1:0:0:0:0:0/64", cm.props.get("ipv6Prefix"));
        assertEquals("eth0", cm.props.get("ipv6Uplink"));
        step.run(new Ctx(Map.of(SetupForm.URI, "test:///default", Ipv6Answer.KEY, "none", Ipv6Answer.UPLINK_KEY, "eth0"),
                new HashMap<>(), dir, true));
        assertEquals("", cm.props.get("ipv6Prefix"));
        assertEquals("", cm.props.get("ipv6Uplink"), "no prefix, no uplink");
        int updates = cm.updates;
        Ctx bad = new Ctx(Map.of(Ipv6Answer.KEY, "2001:db8:1::/64", Ipv6Answer.UPLINK_KEY, "eth0;reboot"), new HashMap<>(),
                dir, true);
        StepException e = assertThrows(StepException.class, () -> step(cm).run(bad));
        assertTrue(e.getMessage().contains(Ipv6Answer.UPLINK_KEY) && !e.getMessage().contains("reboot"), e.getMessage());
        assertEquals(updates, cm.updates, "nothing stored");
    }
}
