/**
 * Services for the operator consoles, the CLI and the public pages: plugin status, VM registry,
 * pipeline status, chain status and the host profile (reads); VM operations, pipeline control and
 * host settings, admin commands, the fund manager and the warm pool
 * (the operator's actions, one code path).
 */
@Export
@Version("1.5.0")
package org.blockhost.console.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
