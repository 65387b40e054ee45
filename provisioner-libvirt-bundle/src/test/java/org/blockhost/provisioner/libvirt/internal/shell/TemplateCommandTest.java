package org.blockhost.provisioner.libvirt.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.blockhost.provisioner.api.Provisioner;
import org.blockhost.provisioner.api.ProvisionerException;
import org.blockhost.provisioner.api.TemplateInfo;
import org.blockhost.provisioner.api.TemplateSpec;
import org.junit.jupiter.api.Test;

class TemplateCommandTest {
    private final List<TemplateSpec> calls = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private Provisioner provisioner(Object answer) {
        return (Provisioner) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Provisioner.class},
                (p, m, a) -> {
                    if (!m.getName().equals("buildTemplate")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    calls.add((TemplateSpec) a[0]);
                    if (answer instanceof Throwable t) {
                        throw t;
                    }
                    return answer;
                });
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void buildPrintsTextWithTheConfiguredRecipe() {
        TemplateCommand c = new TemplateCommand(provisioner(new TemplateInfo("debian-12", "ab".repeat(32), true)),
                "debian-12", List.of("htop", "jq"));
        assertEquals(0, c.run(out, false, "build"));
        assertEquals(List.of(new TemplateSpec("debian-12", List.of("htop", "jq"))), calls);
        assertTrue(text().contains("name:     debian-12"), text());
        assertTrue(text().contains("sha256:   " + "ab".repeat(32)), text());
        assertTrue(text().contains("reused:   yes"), text());
        assertTrue(text().matches("(?s).*duration: \\d+\\.\\d s.*"), text());
    }

    @Test
    void buildPrintsJson() {
        TemplateCommand c = new TemplateCommand(provisioner(new TemplateInfo("t1", "cd".repeat(32), false)), "t1", null);
        assertEquals(0, c.run(out, true, "build"));
        assertTrue(text().matches("\\{\"name\":\"t1\",\"sha256\":\"(cd){32}\",\"reused\":false,\"durationMs\":\\d+}\\R"),
                text());
    }

    @Test
    void failureIsAMessageWithoutStackTrace() {
        ProvisionerException e = new ProvisionerException("needs root \"debootstrap\"", false);
        TemplateCommand c = new TemplateCommand(provisioner(e), "debian-12", List.of());
        assertEquals(1, c.run(out, false, "build"));
        assertEquals("template build failed: needs root \"debootstrap\"", text().trim());
        bytes.reset();
        assertEquals(1, c.run(out, true, "build"));
        assertEquals("{\"error\":\"template build failed: needs root \\\"debootstrap\\\"\"}", text().trim());
        assertFalse(text().contains("at org."));
    }

    @Test
    void unexpectedExceptionIsNotShown() {
        TemplateCommand c = new TemplateCommand(provisioner(new IllegalStateException("secret detail")), "x", List.of());
        assertEquals(1, c.run(out, false, "build"));
        assertEquals("template build failed: internal error (see the log)", text().trim());
    }

    @Test
    void invalidRecipeAndUsage() {
        TemplateCommand c = new TemplateCommand(provisioner(null), "debian-12", List.of("bad;pkg"));
        assertEquals(1, c.run(out, false, "build"));
        assertTrue(text().startsWith("template recipe invalid: "), text());
        bytes.reset();
        assertEquals(2, c.run(out, false, "rebuild"));
        assertEquals(2, c.run(out, true, (String) null));
        assertTrue(calls.isEmpty());
        assertTrue(text().contains("usage: template build [--json]"));
    }
}
