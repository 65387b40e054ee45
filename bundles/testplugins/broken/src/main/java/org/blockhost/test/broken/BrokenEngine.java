package org.blockhost.test.broken;

import org.blockhost.engine.api.AddressFormat;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.CredentialIssuer;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineId;
import org.blockhost.engine.api.Treasury;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Test double: an engine whose activation always throws. */
@Component(service = Engine.class)
@EngineId("broken")
public final class BrokenEngine implements Engine {

    @Activate
    public BrokenEngine() {
        throw new IllegalStateException("broken on purpose: cannot reach the chain");
    }

    @Override public String id() { return "broken"; }
    @Override public String displayName() { return "Broken"; }
    @Override public AddressFormat addressFormat() { return null; }
    @Override public String recoverSigner(String message, String signature) { return null; }
    @Override public ChainHead head() { return null; }
    @Override public CredentialIssuer credentials() { return null; }
    @Override public Treasury treasury() { return null; }
}
