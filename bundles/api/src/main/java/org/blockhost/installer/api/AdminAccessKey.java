package org.blockhost.installer.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by the engine whose finalization seals the admin credential to the admin's access
 * key. The installer asks it what to sign: the wizard shows the message and takes the key the
 * admin derived; in dev mode the setup service signs it with the dev admin's key file.
 */
@ConsumerType
public interface AdminAccessKey {

    /** The answer keys and, once known, the message (never null). */
    AccessKeyRequest request(FinalizationContext context);
}
