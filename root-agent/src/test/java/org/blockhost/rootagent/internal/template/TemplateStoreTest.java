package org.blockhost.rootagent.internal.template;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.action.ActionException;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Immutable, content-addressed templates (H4): a changed recipe makes a new file, an overlay's
 * backing file is never rewritten or deleted, unused old images are collected. The images are real
 * qcow2 files from {@code qemu-img} (a small stand-in for debootstrap) and the overlays are made by
 * the agent's own {@code disk-create}.
 */
class TemplateStoreTest {
    @TempDir
    Path dir;
    AgentConfig config;
    InProcessAgent agent;
    TemplateStore store;
    final List<String> builds = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(TestSupport.has("qemu-img"), "qemu-img");
        config = AgentConfig.dev(dir, "blockhost", "test:///default", null);
        Files.createDirectories(config.templateDir());
        Files.createDirectories(config.vmDir());
        agent = new InProcessAgent(config);
        store = new TemplateStore(config.templateDir(), config.vmDir());
    }

    @AfterEach
    void tearDown() {
        if (agent != null) {
            agent.close();
        }
    }

    /** A qcow2 whose bytes depend on the recipe (its text appended after the image data). */
    private final ImageBuilder qemuImg = (recipe, work) -> {
        Files.createDirectories(work);
        Path img = work.resolve(recipe.name() + ".qcow2");
        new BuildCommands(work.resolve("build.log")).run(List.of("qemu-img", "create", "-q", "-f", "qcow2",
                img.toString(), "64M"), java.time.Duration.ofMinutes(1));
        Files.writeString(img, recipe.text(), StandardOpenOption.APPEND);
        builds.add(recipe.text());
        return img;
    };

    private Map<String, Object> build(Recipe r) throws ActionException {
        return TemplateBuild.build(r, store, () -> qemuImg);
    }

    private void overlay(Path template, String vm) throws Exception {
        agent.call("disk-create", Map.of("template", template.toString(),
                "overlay", config.vmDir().resolve(vm + ".qcow2").toString()));
    }

    private String current(String name) throws Exception {
        return Files.readString(config.templateDir().resolve(name + ".current")).strip();
    }

    @Test
    void aChangedRecipeWritesANewFileAndLeavesTheOverlaysBackingFileByteIdentical() throws Exception {
        Recipe a = new Recipe("debian-12", List.of("zsh"));
        Recipe b = new Recipe("debian-12", List.of("zsh", "vim"));
        Path fileA = Path.of((String) build(a).get("path"));
        assertEquals("debian-12-" + a.id() + ".qcow2", fileA.getFileName().toString());
        assertEquals(fileA.getFileName().toString(), current("debian-12"));
        overlay(fileA, "blockhost-001");
        byte[] before = Files.readAllBytes(fileA);
        Object inodeBefore = Files.getAttribute(fileA, "unix:ino");

        Map<String, Object> r = build(b);
        Path fileB = Path.of((String) r.get("path"));
        assertNotEquals(fileA, fileB);
        assertTrue(Files.isRegularFile(fileB), "the new recipe's file exists");
        assertArrayEquals(before, Files.readAllBytes(fileA), "A is byte-identical after building B");
        assertEquals(inodeBefore, Files.getAttribute(fileA, "unix:ino"), "A was not replaced");
        assertEquals(fileB.getFileName().toString(), current("debian-12"), "new overlays use the newest template");
        assertEquals(List.of(), r.get("removed"), "A is used by blockhost-001: kept");
        assertEquals(List.of("blockhost-001.qcow2"), store.users(fileA));
        assertEquals(2, builds.size());

        assertEquals(true, build(a).get("reused"), "going back to A reuses it");
        assertEquals(fileA.getFileName().toString(), current("debian-12"));
        assertEquals(2, builds.size());
    }

    @Test
    void aTemplateAnOverlayUsesIsNeverDeletedAndAnUnusedOneIsCollected() throws Exception {
        Recipe a = new Recipe("t", List.of("zsh"));
        Recipe b = new Recipe("t", List.of("zsh", "vim"));
        Path fileA = Path.of((String) build(a).get("path"));
        overlay(fileA, "blockhost-002");
        build(b);
        assertEquals(List.of(), store.collect("t"), "refused: blockhost-002 is based on A");
        assertTrue(Files.exists(fileA));
        assertTrue(store.reusable(a).isPresent(), "A and its records intact");

        Files.delete(config.vmDir().resolve("blockhost-002.qcow2"));
        Map<String, Object> r = build(b);
        assertEquals(true, r.get("reused"));
        assertEquals(List.of(fileA.getFileName().toString()), r.get("removed"));
        assertFalse(Files.exists(fileA));
        assertFalse(Files.exists(config.templateDir().resolve("t-" + a.id() + ".recipe")));
        assertTrue(store.reusable(b).isPresent(), "the current one stays");
    }

    @Test
    void aTemplateDirectorySharedWithAnotherAgentKeepsTheImagesItsVmsUse() throws Exception {
        Recipe a = new Recipe("t", List.of("zsh"));
        Path fileA = Path.of((String) build(a).get("path"));
        overlay(fileA, "blockhost-006");
        TemplateStore other = new TemplateStore(config.templateDir(), Files.createDirectories(dir.resolve("other-vms")));
        Map<String, Object> r = TemplateBuild.build(new Recipe("t", List.of("zsh", "vim")), other, () -> qemuImg);
        assertEquals(List.of(), r.get("removed"), "the first agent's VM directory is recorded and scanned");
        assertTrue(Files.exists(fileA));
    }

    @Test
    void aCorruptImageAnOverlayUsesIsNotOverwritten() throws Exception {
        Recipe a = new Recipe("t", List.of("zsh"));
        Path fileA = Path.of((String) build(a).get("path"));
        overlay(fileA, "blockhost-003");
        Files.writeString(fileA, "x", StandardOpenOption.APPEND);
        byte[] tampered = Files.readAllBytes(fileA);
        ActionException e = assertThrows(ActionException.class, () -> build(a));
        assertEquals(ActionException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("refusing to replace") && e.getMessage().contains("blockhost-003"),
                e.getMessage());
        assertArrayEquals(tampered, Files.readAllBytes(fileA));

        Files.delete(config.vmDir().resolve("blockhost-003.qcow2"));
        assertEquals(false, build(a).get("reused"), "unused: rebuilt under the same name");
        assertTrue(store.reusable(a).isPresent());
    }

    @Test
    void theOldLayoutsImageIsKeptWhileUsedAndCollectedAfterwards() throws Exception {
        Path legacy = config.templateDir().resolve("debian-12.qcow2");
        qemuImg.build(new Recipe("legacy", List.of("zsh")), dir.resolve("legacy-work"));
        Files.move(dir.resolve("legacy-work/legacy.qcow2"), legacy);
        Files.writeString(config.templateDir().resolve("debian-12.recipe"), "format=1\n");
        overlay(legacy, "blockhost-004");
        Recipe a = new Recipe("debian-12", List.of("zsh"));
        build(a);
        assertTrue(Files.exists(legacy), "used by blockhost-004");
        Files.delete(config.vmDir().resolve("blockhost-004.qcow2"));
        assertEquals(List.of("debian-12.qcow2"), build(a).get("removed"));
        assertFalse(Files.exists(config.templateDir().resolve("debian-12.recipe")));
    }

    @Test
    void anImageSetAsideByAnInterruptedCollectionIsPutBack() throws Exception {
        Recipe a = new Recipe("t", List.of("zsh"));
        Path fileA = Path.of((String) build(a).get("path"));
        overlay(fileA, "blockhost-005");
        Path aside = config.templateDir().resolve(".trash-" + fileA.getFileName());
        Files.move(fileA, aside);
        build(new Recipe("t", List.of("zsh", "vim")));
        assertTrue(Files.exists(fileA), "back in place and, being used, kept");
        assertFalse(Files.exists(aside));
    }

    @Test
    void namesEndingLikeARecipeIdAreRefused() {
        ActionException e = assertThrows(ActionException.class, () -> agentBuild("t-0123456789abcdef"));
        assertEquals(ActionException.Kind.REJECTED, e.kind());
    }

    private void agentBuild(String name) throws ActionException {
        var spec = org.blockhost.rootagent.internal.action.ActionTable.get("template-build");
        var params = org.blockhost.rootagent.internal.protocol.Wire.JSON.createObjectNode().put("name", name);
        params.putArray("packages").add("zsh");
        TemplateBuild.build(spec.validate(params, config), new org.blockhost.rootagent.internal.action.AgentContext(config));
    }

    @Test
    void debootstrapChecksTheReleaseSignatureAgainstTheArchiveKeyring() {
        Recipe r = new Recipe("t", List.of("zsh", "openssh-server"));
        assertEquals(List.of("debootstrap", "--variant=minbase", "--force-check-gpg",
                "--keyring=/usr/share/keyrings/debian-archive-keyring.gpg", "--cache-dir=/c", "--include=openssh-server,zsh",
                "bookworm", "/w/rootfs", "https://deb.debian.org/debian"),
                TemplateBuilder.debootstrap(r, Path.of("/c"), Path.of("/w/rootfs"), TemplateBuilder.KEYRING));
        assertTrue(r.text().contains("mirror=https://"), r.text());
    }

    @Test
    void aBuildWithoutTheArchiveKeyringFailsClearlyAndWritesNothing() throws Exception {
        Path missing = dir.resolve("no-keyring.gpg");
        assertTrue(TemplateBuilder.missingTools(missing).stream().anyMatch(m -> m.startsWith(missing.toString())));
        Recipe r = new Recipe("t", List.of("zsh"));
        ActionException e = assertThrows(ActionException.class, () -> TemplateBuild.build(r, store, () -> {
            TemplateBuild.requireBuildable(missing);
            return qemuImg;
        }));
        assertEquals(ActionException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().contains(missing + " (the Debian archive keyring")
                || e.getMessage().contains("needs root"), e.getMessage());
        assertTrue(e.getMessage().contains("debian-archive-keyring") || e.getMessage().contains("needs root"),
                e.getMessage());
        assertFalse(Files.exists(store.image(r)));
        assertEquals(List.of(), builds);
    }

    @Test
    void mountsLeftInTheScratchDirectoryAreUnmountedBeforeItIsDeleted() throws Exception {
        assumeTrue(TestSupport.isRoot(), "mounting needs root");
        Path proc = Files.createDirectories(config.templateDir().resolve(".build-t/rootfs/proc"));
        assumeTrue(TestSupport.run(new ArrayList<>(), "mount", "-t", "tmpfs", "tmpfs", proc.toString()) == 0, "mount");
        try {
            Files.writeString(proc.resolve("keep-me"), "on another file system");
            assertThrows(java.io.IOException.class, () -> Scratch.deleteTree(config.templateDir().resolve(".build-t")),
                    "a plain delete never crosses into the mount");
            assertTrue(Files.exists(proc.resolve("keep-me")));
            assertEquals(false, build(new Recipe("t", List.of("zsh"))).get("reused"));
            assertFalse(Scratch.mountsBelow(config.templateDir().toRealPath()).stream().findAny().isPresent());
            assertFalse(Files.exists(config.templateDir().resolve(".build-t")));
        } finally {
            TestSupport.run(new ArrayList<>(), "umount", "--lazy", proc.toString());
        }
    }

    @Test
    void mountinfoEscapesAreDecoded() {
        assertEquals("/a b\tc\\d", Scratch.unescape("/a\\040b\\011c\\134d"));
        assertEquals("/plain", Scratch.unescape("/plain"));
    }
}
