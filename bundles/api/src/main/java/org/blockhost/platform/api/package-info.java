/**
 * Platform-wide values shared by all bundles: the runtime's directory layout and mode.
 */
@Export
@Version("1.0.0")
package org.blockhost.platform.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
