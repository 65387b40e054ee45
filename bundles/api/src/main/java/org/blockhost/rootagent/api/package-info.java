/**
 * The {@link org.blockhost.rootagent.api.RootAgent} client: the only way runtime code performs privileged actions;
 * {@link org.blockhost.rootagent.api.UplinkAddressing}: an uplink's ifupdown addressing, for {@code host-bridge-create}.
 */
@Export
@Version("1.1.0")
package org.blockhost.rootagent.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
