package org.blockhost.web.internal.surface;

import org.blockhost.web.api.Surfaces;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/** The UI kit's static files ({@code /kit/*}: CSS and ES modules) on the public surface. */
@Component(service = KitResources.class)
@HttpWhiteboardContextSelect(Surfaces.PUBLIC_SELECT)
@HttpWhiteboardResource(pattern = "/kit/*", prefix = "/kit")
public final class KitResources {
}
