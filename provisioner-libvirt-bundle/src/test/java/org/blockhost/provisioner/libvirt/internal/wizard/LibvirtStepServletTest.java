package org.blockhost.provisioner.libvirt.internal.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.Map;

import org.blockhost.installer.api.WizardAnswers;
import org.junit.jupiter.api.Test;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

class LibvirtStepServletTest {
    static final class Resp {
        int status = 200;
        final StringWriter body = new StringWriter();

        HttpServletResponse proxy() {
            PrintWriter w = new PrintWriter(body);
            return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> switch (m.getName()) {
                        case "setStatus" -> { status = (Integer) a[0]; yield null; }
                        case "sendError" -> { status = (Integer) a[0]; body.write(String.valueOf(a[1])); yield null; }
                        case "getWriter" -> w;
                        default -> null;
                    });
        }
    }

    static HttpServletRequest request(Map<String, String> params) {
        return (HttpServletRequest) Proxy.newProxyInstance(LibvirtStepServletTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> m.getName().equals("getParameter")
                        ? params.get((String) a[0]) : null);
    }

    @Test
    void postValidatesThenStores() throws Exception {
        FakeConfigAdmin cm = new FakeConfigAdmin();
        LibvirtStepServlet s = new LibvirtStepServlet(cm.admin());
        Resp bad = new Resp();
        s.doPost(request(Map.of(SetupForm.NETWORK, "<b>br0</b>", SetupForm.GRACE, "7")), bad.proxy());
        assertEquals(400, bad.status);
        assertFalse(bad.body.toString().contains("<b>br0"), "never echoes the submitted value");
        assertTrue(bad.body.toString().contains("network or bridge name"));
        assertEquals(0, cm.updates, "nothing stored when any field is invalid");

        Resp ok = new Resp();
        s.doPost(request(Map.of(SetupForm.NETWORK, "br0", SetupForm.NET_TYPE, "bridge")), ok.proxy());
        assertEquals(200, ok.status);
        assertEquals(Map.of("network", "br0", "netType", "bridge"), cm.props);
        Resp get = new Resp();
        s.doGet(request(Map.of()), get.proxy());
        assertTrue(get.body.toString().contains("value='br0'"));
    }

    @Test
    void thePageSaysWhenTheNetworkPagesBridgeWillBeUsed() throws Exception {
        LibvirtStepServlet s = new LibvirtStepServlet(new FakeConfigAdmin().admin());
        Resp none = new Resp();
        s.doGet(request(Map.of()), none.proxy());
        assertFalse(none.body.toString().contains("vm-bridge-note"), "no bridge answer, no note");
        s.answers = answers(Map.of(WizardAnswers.VM_BRIDGE, "br7"));
        Resp get = new Resp();
        s.doGet(request(Map.of()), get.proxy());
        assertTrue(get.body.toString().contains("VMs connect to the bridge <strong>br7</strong>"), get.body.toString());
    }

    static WizardAnswers answers(Map<String, String> saved) {
        return (WizardAnswers) Proxy.newProxyInstance(LibvirtStepServletTest.class.getClassLoader(),
                new Class<?>[] {WizardAnswers.class}, (p, m, a) -> m.getName().equals("answers") ? saved : null);
    }

    @Test
    void configurationFailureIsGeneric() throws Exception {
        FakeConfigAdmin cm = new FakeConfigAdmin();
        cm.fail = true;
        Resp r = new Resp();
        new LibvirtStepServlet(cm.admin()).doPost(request(Map.of(SetupForm.GRACE, "7")), r.proxy());
        assertEquals(500, r.status);
        assertFalse(r.body.toString().contains("secret"));
    }

    @Test
    void theGraceFieldSetsCoresGracePeriodAndNothingElse() throws Exception {
        FakeConfigAdmin cm = new FakeConfigAdmin();
        LibvirtStepServlet s = new LibvirtStepServlet(cm.admin());
        Resp r = new Resp();
        s.doPost(request(Map.of(SetupForm.GRACE, "10", SetupForm.NETWORK, "br0")), r.proxy());
        assertEquals(200, r.status);
        assertEquals(10, cm.pid("org.blockhost.core.lifecycle").get("gracePeriodDays"), "core's lifecycle owns it");
        assertEquals("br0", cm.props.get("network"));
        assertFalse(cm.props.keySet().stream().anyMatch(k -> k.toLowerCase().contains("grace")), "no second copy: " + cm.props);
        Resp get = new Resp();
        s.doGet(request(Map.of()), get.proxy());
        assertTrue(get.body.toString().contains("name='libvirt.grace_days' value='10'"), "the page shows core's value");
    }
}
