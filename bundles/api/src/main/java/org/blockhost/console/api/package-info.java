/**
 * Read services for the operator consoles and CLI: plugin status, VM registry, pipeline status
 * and the host profile of the public pages.
 */
@Export
@Version("1.1.0")
package org.blockhost.console.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
