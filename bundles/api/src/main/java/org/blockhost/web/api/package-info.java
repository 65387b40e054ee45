/**
 * Web surfaces: the servlet contexts a plugin page selects (and whose protection it inherits),
 * the setup gate, the TLS endpoint and HTML escaping for server-rendered pages.
 */
@Export
@Version("1.2.0")
package org.blockhost.web.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
