/**
 * Chain engine contracts: the {@link org.blockhost.engine.api.Engine} SPI that an engine bundle implements, the chain events it reports and the {@link org.blockhost.engine.api.ChainEventSink} core provides to receive them.
 */
@Export
@Version("1.8.0")
package org.blockhost.engine.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
