/**
 * The {@link org.blockhost.rootagent.api.RootAgent} client: the only way runtime code performs privileged actions.
 */
@Export
@Version("1.0.0")
package org.blockhost.rootagent.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
