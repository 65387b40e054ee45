/**
 * Services for the operator consoles and CLI: plugin status, VM registry, pipeline status, chain
 * status (reads); VM operations and pipeline control (the operator's actions, one code path).
 */
@Export
@Version("1.1.0")
package org.blockhost.console.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
