package org.blockhost.provisioner.libvirt.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.api.TemplateSpec;
import org.blockhost.provisioner.libvirt.internal.vm.AgentCalls;
import org.blockhost.provisioner.libvirt.internal.vm.VmFiles;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateServiceTest {
    @TempDir
    Path dir;

    @Test
    void theImageIsNamedByTheRecipeIdLikeTheRootAgentNamesIt() {
        TemplateRecipe a = TemplateRecipe.of(new TemplateSpec("debian-12", List.of()));
        assertTrue(a.fileStem().matches("debian-12-[0-9a-f]{16}") && a.id().startsWith(a.fileStem().substring(10)));
        assertTrue(a.text().startsWith("format=2\n") && a.text().contains("\nmirror=https://deb.debian.org/debian\n"));
    }

    @Test
    void recipeIsCanonical() {
        TemplateRecipe a = TemplateRecipe.of(new TemplateSpec("debian", List.of("zsh", "libpam-web3")));
        TemplateRecipe b = TemplateRecipe.of(new TemplateSpec("debian", List.of("libpam-web3", "zsh", "zsh")));
        assertEquals(a.text(), b.text());
        assertEquals(a.id(), b.id());
        assertTrue(a.packages().containsAll(List.of("linux-image-amd64", "openssh-server", "qemu-guest-agent",
                "cloud-init", "libsecp256k1-1", "acpid", "libpam-web3", "zsh")));
        assertNotEquals(a.id(), TemplateRecipe.of(new TemplateSpec("debian", List.of())).id());
    }

    @Test
    void localPackagesAgreeWithTheRootAgent() throws Exception {
        TemplateSpec spec = new TemplateSpec("web3", List.of());
        Path pkgs = Files.createDirectories(dir.resolve("packages"));
        Path deb = Files.write(pkgs.resolve("libpam-web3_0.1.0_amd64.deb"), new byte[] {7, 7});
        List<String> local = List.of("libpam-web3_0.1.0_amd64.deb");
        TemplateRecipe recipe = TemplateRecipe.of(spec, dir, local);
        assertTrue(recipe.text().endsWith("\nlocal_packages=libpam-web3_0.1.0_amd64.deb:" + TemplateService.sha256(deb)
                + "\n"), recipe.text());
        Path image = Files.write(dir.resolve(recipe.fileStem() + ".qcow2"), new byte[] {1});
        String sha = TemplateService.sha256(image);
        Files.writeString(dir.resolve(recipe.fileStem() + ".sha256"), sha + "\n");
        Files.writeString(dir.resolve(recipe.fileStem() + ".recipe"), recipe.text());
        try (InProcessAgent agent = new InProcessAgent(new AgentConfig(dir.resolve("k"), dir.resolve("v"), dir,
                dir.resolve("s"), "blockhost", "test:///default", null, "blockhost", true, Duration.ofSeconds(5)))) {
            TemplateService svc = new TemplateService(dir, new AgentCalls(agent), local);
            assertEquals(new TemplateInfo("web3", sha, true), svc.build(spec), "the agent computes the same recipe");
            assertEquals(Optional.of(sha), svc.reusable(spec));
        }
        assertEquals(Optional.empty(), new TemplateService(dir).reusable(spec), "without the .deb: another recipe");
        Files.write(deb, new byte[] {7, 8});
        assertEquals(Optional.empty(), new TemplateService(dir, null, local).reusable(spec), "changed .deb");
        Files.delete(deb);
        assertEquals(Optional.empty(), new TemplateService(dir, null, local).reusable(spec), "missing .deb");
    }

    @Test
    void matchingTemplateIsReusedOtherwiseNot() throws Exception {
        TemplateSpec spec = new TemplateSpec("debian", List.of("zsh"));
        TemplateRecipe recipe = TemplateRecipe.of(spec);
        Path image = Files.write(dir.resolve(recipe.fileStem() + ".qcow2"), new byte[] {1, 2, 3});
        String sha = TemplateService.sha256(image);
        Files.writeString(dir.resolve(recipe.fileStem() + ".sha256"), sha + "\n");
        Files.writeString(dir.resolve(recipe.fileStem() + ".recipe"), recipe.text());
        TemplateService svc = new TemplateService(dir);
        // the root agent's template-build (in-process) reuses it: both sides agree on the recipe text
        try (InProcessAgent agent = new InProcessAgent(new AgentConfig(dir.resolve("k"), dir.resolve("v"), dir,
                dir.resolve("s"), "blockhost", "test:///default", null, "blockhost", true, Duration.ofSeconds(5)))) {
            assertEquals(new TemplateInfo("debian", sha, true), new TemplateService(dir, new AgentCalls(agent), List.of()).build(spec));
        }
        assertEquals(recipe.fileStem() + ".qcow2\n", Files.readString(dir.resolve("debian.current")),
                "the agent made it the one new VMs use");
        assertEquals(image, new VmFiles(dir.resolve("v"), dir).template("debian"), "and VmCreator picks it");

        assertEquals(Optional.empty(), svc.reusable(TemplateRecipe.of(new TemplateSpec("debian", List.of()))),
                "other packages");
        Files.write(image, new byte[] {1, 2, 4});
        assertEquals(Optional.empty(), svc.reusable(recipe), "checksum mismatch");
        Files.delete(image);
        assertEquals(Optional.empty(), svc.reusable(recipe), "image missing");
    }
}
