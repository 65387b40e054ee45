/**
 * Platform-wide values shared by all bundles: the runtime's directory layout and mode, the roles
 * operator commands declare ({@link CommandRoles}) and the audit trail ({@link AuditTrail}).
 */
@Export
@Version("1.1.1")
package org.blockhost.platform.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
