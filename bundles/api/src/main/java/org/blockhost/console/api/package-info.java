/**
 * Read services for the operator consoles and CLI: plugin status, VM registry and pipeline status.
 */
@Export
@Version("1.0.0")
package org.blockhost.console.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
