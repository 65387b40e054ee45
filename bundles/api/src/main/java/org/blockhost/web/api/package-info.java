/**
 * Web surfaces: the servlet contexts a plugin page selects (and whose protection it inherits),
 * the setup gate, the TLS endpoint, HTML escaping for server-rendered pages and the client key of per-client limits.
 */
@Export
@Version("1.3.0")
package org.blockhost.web.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
