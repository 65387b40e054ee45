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
        assertEquals(Map.of("name", "debian-12", "sha256", sha, "reused", true,
                "path", config.templateDir().resolve("debian-12.qcow2").toString()), r);
        assertTrue(Files.readString(config.stateDir().resolve("audit.log")).contains("template-build"));
    }

    @Test
    void changedRecipeOrImageIsNotReused() throws Exception {
        Recipe recipe = new Recipe("t", List.of("zsh"));
        record(recipe, new byte[] {1});
        TemplateStore store = new TemplateStore(config.templateDir());
        assertTrue(store.reusable(recipe).isPresent());
        assertEquals(Optional.empty(), store.reusable(new Recipe("t", List.of("zsh", "vim"))));
        Files.write(config.templateDir().resolve("t.qcow2"), new byte[] {2});
        assertEquals(Optional.empty(), store.reusable(recipe));
    }

    @Test
    void symlinkedImageIsNotReused() throws Exception {
        Path outside = Files.write(dir.resolve("outside.qcow2"), new byte[] {1});
        Recipe recipe = new Recipe("s", List.of("zsh"));
        record(recipe, new byte[] {1});
        Files.delete(config.templateDir().resolve("s.qcow2"));
        Files.createSymbolicLink(config.templateDir().resolve("s.qcow2"), outside);
        assertEquals(Optional.empty(), new TemplateStore(config.templateDir()).reusable(recipe));
    }

    @Test
    void unprivilegedBuildFailsClearly() {
        assumeFalse(TestSupport.isRoot() || TemplateBuild.isRoot(), "runs the real build as root");
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("template-build",
                Map.of("name", "debian-12", "packages", List.of("zsh"))));
        assertEquals(RootAgentException.Kind.FAILED, e.kind());
        assertTrue(e.getMessage().contains("needs root"), e.getMessage());
    }

    @Test
    void recipeTextIsCanonical() {
        assertEquals("format=1\nsuite=bookworm\nvariant=minbase\nmirror=http://deb.debian.org/debian\nsize_gib=4\n"
                + "packages=a1,b2\n", new Recipe("x", List.of("b2", "a1", "b2")).text());
    }

    private String record(Recipe recipe, byte[] image) throws Exception {
        Path img = Files.write(config.templateDir().resolve(recipe.name() + ".qcow2"), image);
        String sha = TemplateStore.sha256(img);
        Files.writeString(config.templateDir().resolve(recipe.name() + ".sha256"), sha + "\n");
        Files.writeString(config.templateDir().resolve(recipe.name() + ".recipe"), recipe.text());
        return sha;
    }

    private void assertRejected(Map<String, Object> params) {
        RootAgentException e = assertThrows(RootAgentException.class, () -> agent.call("template-build", params));
        assertEquals(RootAgentException.Kind.REJECTED, e.kind(), e.getMessage());
    }
}
