package org.blockhost.test.provisioner;

import java.io.IOException;

import org.blockhost.installer.api.WizardStep;
import org.blockhost.provisioner.api.ProvisionerId;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Test double wizard step of the test provisioner. */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/test-provisioner")
@WizardStep(id = "test-provisioner", order = 200, title = "Test hypervisor")
@ProvisionerId(TestProvisioner.ID)
public final class TestProvisionerStepServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html;charset=utf-8");
        resp.getWriter().write("<!doctype html><title>Test hypervisor</title><h1>Test hypervisor</h1>");
    }
}
