/**
 * Hypervisor contracts: the {@link org.blockhost.provisioner.api.Provisioner} SPI that a provisioner bundle implements and the immutable value types it works with.
 */
@Export
@Version("1.5.0")
package org.blockhost.provisioner.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
