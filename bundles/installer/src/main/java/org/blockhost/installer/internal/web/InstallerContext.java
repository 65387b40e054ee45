package org.blockhost.installer.internal.web;

import org.blockhost.installer.api.WizardStep;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

/** The installer's servlet context at {@code /setup}; wizard-step servlets of plugins select it. */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = WizardStep.CONTEXT_NAME, path = WizardStep.CONTEXT_PATH)
public final class InstallerContext extends ServletContextHelper {
}
