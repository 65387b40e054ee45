package org.blockhost.test.engine;

import java.io.IOException;

import org.blockhost.engine.api.EngineId;
import org.blockhost.installer.api.WizardStep;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Test double wizard step; {@code ?fail=1} throws, to exercise the installer's fence. */
@Component(service = Servlet.class)
@HttpWhiteboardContextSelect(WizardStep.CONTEXT_SELECT)
@HttpWhiteboardServletPattern("/test-engine")
@WizardStep(id = "test-engine", order = 100, title = "Test chain")
@EngineId(TestEngine.ID)
public final class TestEngineStepServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getParameter("fail") != null) {
            throw new IllegalStateException("secret-internal-detail: test servlet failure");
        }
        resp.setContentType("text/html;charset=utf-8");
        resp.getWriter().write("<!doctype html><title>Test chain</title><h1>Test chain</h1>");
    }
}
