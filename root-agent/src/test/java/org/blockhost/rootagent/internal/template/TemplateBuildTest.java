package org.blockhost.rootagent.internal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.blockhost.rootagent.api.RootAgentException;
import org.blockhost.rootagent.internal.TestSupport;
import org.blockhost.rootagent.internal.action.AgentConfig;
import org.blockhost.rootagent.internal.osgi.InProcessAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** template-build: validation (nothing runs), reuse, confinement, unprivileged refusal, audit. */
class TemplateBuildTest {
    @TempDir
    Path dir;
    AgentConfig config;
    InProcessAgent agent;

    @BeforeEach
    void setUp() throws Exception {
        config = AgentConfig.dev(dir, "blockhost", "test:///default", null);
        Files.createDirectories(config.templateDir());
        agent = new InProcessAgent(config);
    }

    @AfterEach
    void tearDown() {
        agent.close();
    }

    static Stream<Object> badNames() {
        return Stream.of("", "../x", "..", "a/b", "/etc/passwd", ".hidden", "-rf", "x;rm", "$(id)", "a b", "a\nb",
                "a\u0000b", "a".repeat(65), "é", 7, true, List.of("debian"));
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void badNamesAreRejected(Object name) {
        assertRejected(Map.of("name", name, "packages", List.of("zsh")));
    }

    static Stream<Object> badPackages() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 257; i++) {
            many.add("pkg" + i);
        }
        return Stream.of(List.of(), "zsh", List.of("zsh; rm -rf /"), List.of("$(id)"), List.of("`id`"),
                List.of("--no-check-gpg"), List.of("-x"), List.of("zsh,vim"), List.of("a b"), List.of("zsh\n"),
                List.of("Zsh"), List.of("z"), List.of("../../etc"), List.of("a".repeat(102)), List.of("zsh", "zsh"),
                List.of(1), List.of(List.of("zsh")), Collections.singletonList(null), many);
    }

    @ParameterizedTest
    @MethodSource("badPackages")
    void badPackagesAreRejected(Object packages) {
        assertRejected(Map.of("name", "debian-12", "packages", packages));
    }

    @Test
    void missingAndExtraParametersAreRejected() {
        assertRejected(Map.of("name", "debian-12"));
        assertRejected(Map.of("packages", List.of("zsh")));
        assertRejected(Map.of("name", "debian-12", "packages", List.of("zsh"), "dir", "/tmp"));
    }

    @Test
    void matchingTemplateIsReused() throws Exception {
        Recipe recipe = new Recipe("debian-12", List.of("zsh", "openssh-server"));
        String sha = record(recipe, new byte[] {1, 2, 3});
        Map<String, Object> r = agent.call("template-build",
                Map.of("name", "debian-12", "packages", List.of("openssh-server", "zsh")));
        assertEquals(Map.of("name", "debian-12", "sha256", sha, "reused", true, "removed", List.of(),
                "path", config.templateDir().resolve("debian-12-" + recipe.id() + ".qcow2").toString()), r);
        assertEquals("debian-12-" + recipe.id() + ".qcow2\n",
                Files.readString(config.templateDir().resolve("debian-12.current")), "new overlays use it");
        assertTrue(Files.readString(config.stateDir().resolve("audit.log")).contains("template-build"));
    }

    @Test
    void changedRecipeOrImageIsNotReused() throws Exception {
        Recipe recipe = new Recipe("t", List.of("zsh"));
        record(recipe, new byte[] {1});
        TemplateStore store = store();
        assertTrue(store.reusable(recipe).isPresent());
        assertEquals(Optional.empty(), store.reusable(new Recipe("t", List.of("zsh", "vim"))));
        Files.write(store.image(recipe), new byte[] {2});
        assertEquals(Optional.empty(), store.reusable(recipe));
    }

    @Test
    void symlinkedImageIsNotReused() throws Exception {
        Path outside = Files.write(dir.resolve("outside.qcow2"), new byte[] {1});
        Recipe recipe = new Recipe("s", List.of("zsh"));
        record(recipe, new byte[] {1});
        Files.delete(store().image(recipe));
        Files.createSymbolicLink(store().image(recipe), outside);
        assertEquals(Optional.empty(), store().reusable(recipe));
    }

    @Test
    void unprivilegedBuildFailsClearly() {
        assumeFalse(TestSupport.isRoot() || TemplateBuild.isRoot(), "runs the real build as root");
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("template-build",
                Map.of("name", "debian-12", "packages", List.of("zsh"))));
        assertEquals(RootAgentException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("needs root"), e.getMessage());
    }

    static Stream<Object> badLocalPackages() {
        return Stream.of(List.of(), "pam.deb", List.of("../pam.deb"), List.of("a/b.deb"), List.of(".pam.deb"),
                List.of("-pam.deb"), List.of("Pam.deb"), List.of("pam"), List.of("pam.deb.tar"), List.of("pam .deb"),
                List.of("pam;.deb"), List.of("pam\n.deb"), List.of("pam.deb", "pam.deb"), List.of("a".repeat(102) + ".deb"),
                List.of(7));
    }

    @ParameterizedTest
    @MethodSource("badLocalPackages")
    void badLocalPackageNamesAreRejected(Object local) {
        assertRejected(Map.of("name", "debian-12", "packages", List.of("zsh"), "local_packages", local));
    }

    @Test
    void localPackagesMustBeRegularFilesInThePackagesDir() throws Exception {
        Map<String, Object> p = Map.of("name", "t", "packages", List.of("zsh"), "local_packages", List.of("pam.deb"));
        assertTrue(message(p).contains("not a directory"));
        Path pkgs = Files.createDirectories(config.templateDir().resolve("packages"));
        assertTrue(message(p).contains("pam.deb is not a regular file"));
        Path outside = Files.write(dir.resolve("pam.deb"), new byte[] {1});
        Files.createSymbolicLink(pkgs.resolve("pam.deb"), outside);
        assertTrue(message(p).contains("pam.deb is not a regular file"), "symlink refused");
    }

    @Test
    void symlinkedPackagesDirIsRefused() throws Exception {
        Path real = Files.createDirectories(dir.resolve("elsewhere"));
        Files.write(real.resolve("pam.deb"), new byte[] {1});
        Files.createSymbolicLink(config.templateDir().resolve("packages"), real);
        assertTrue(message(Map.of("name", "t", "packages", List.of("zsh"), "local_packages", List.of("pam.deb")))
                .contains("not a directory"));
    }

    @Test
    void localPackageHashesAreInTheRecipe() throws Exception {
        Path pkgs = Files.createDirectories(config.templateDir().resolve("packages"));
        Files.write(pkgs.resolve("pam_1.0_amd64.deb"), new byte[] {1, 2});
        Files.write(pkgs.resolve("a.deb"), new byte[] {3});
        List<String> names = List.of("pam_1.0_amd64.deb", "a.deb");
        Recipe recipe = new Recipe("t", List.of("zsh"), LocalPackages.hash(config.templateDir(), names));
        assertTrue(recipe.text().endsWith("packages=zsh\nlocal_packages=a.deb:" + TemplateStore.sha256(pkgs.resolve("a.deb"))
                + ",pam_1.0_amd64.deb:" + TemplateStore.sha256(pkgs.resolve("pam_1.0_amd64.deb")) + "\n"), recipe.text());
        String sha = record(recipe, new byte[] {9});
        Map<String, Object> r = agent.call("template-build", Map.of("name", "t", "packages", List.of("zsh"),
                "local_packages", names));
        assertEquals(sha, r.get("sha256"));
        assertEquals(true, r.get("reused"), "the same .deb files reuse the template");
        TemplateStore store = store();
        assertEquals(Optional.empty(), store.reusable(new Recipe("t", List.of("zsh"))), "without them: another recipe");
        Files.write(pkgs.resolve("a.deb"), new byte[] {4});
        assertEquals(Optional.empty(), store.reusable(new Recipe("t", List.of("zsh"),
                LocalPackages.hash(config.templateDir(), names))), "a changed .deb rebuilds");
    }

    @Test
    void recipeTextIsCanonical() {
        assertEquals("format=2\nsuite=bookworm\nvariant=minbase\nmirror=https://deb.debian.org/debian\nsize_gib=4\n"
                + "packages=a1,b2\n", new Recipe("x", List.of("b2", "a1", "b2")).text());
    }

    private TemplateStore store() {
        return new TemplateStore(config.templateDir(), config.vmDir());
    }

    private String record(Recipe recipe, byte[] image) throws Exception {
        String base = recipe.name() + "-" + recipe.id();
        Path img = Files.write(config.templateDir().resolve(base + ".qcow2"), image);
        String sha = TemplateStore.sha256(img);
        Files.writeString(config.templateDir().resolve(base + ".sha256"), sha + "\n");
        Files.writeString(config.templateDir().resolve(base + ".recipe"), recipe.text());
        return sha;
    }

    private String message(Map<String, Object> params) {
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("template-build", params));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind(), e.getMessage());
        return e.getMessage();
    }

    private void assertRejected(Map<String, Object> params) {
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("template-build", params));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind(), e.getMessage());
    }
}
