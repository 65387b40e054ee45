/**
 * Web surfaces: the servlet contexts a plugin page selects (and whose protection it inherits),
 * the setup gate and the TLS endpoint.
 */
@Export
@Version("1.0.0")
package org.blockhost.web.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
