/**
 * Installer contracts: wizard-step servlet properties and the {@link org.blockhost.installer.api.FinalizationStep} SPI run by the installer's finalization runner.
 */
@Export
@Version("1.8.0")
package org.blockhost.installer.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
