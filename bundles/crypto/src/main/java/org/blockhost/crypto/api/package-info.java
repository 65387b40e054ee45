/**
 * BlockHost cryptography: Keccak-256, EIP-55 addresses, EIP-191 {@code personal_sign}, Sign-In with Ethereum
 * (EIP-4361), the access key scheme, ECIES (eciesjs default), AES-256-GCM, BIP-340 Schnorr and ML-DSA verification.
 * All curve arithmetic is Bouncy Castle's.
 */
@Export
@Version("1.1.0")
package org.blockhost.crypto.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
