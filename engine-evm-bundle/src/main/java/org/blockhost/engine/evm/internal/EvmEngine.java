package org.blockhost.engine.evm.internal;

import java.io.IOException;
import org.blockhost.crypto.api.CryptoException;
import org.blockhost.crypto.api.EthSignature;
import org.blockhost.crypto.api.PersonalSign;
import org.blockhost.engine.api.AddressFormat;
import org.blockhost.engine.api.ChainEventSink;
import org.blockhost.engine.api.ChainHead;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.CredentialIssuer;
import org.blockhost.engine.api.Engine;
import org.blockhost.engine.api.EngineId;
import org.blockhost.engine.api.InvalidSignatureException;
import org.blockhost.engine.api.Treasury;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The EVM engine service: address format, EIP-191 recovery, head, credentials and treasury, plus the watcher. */
@EngineId(EvmEngine.ID)
@Component(service = Engine.class, configurationPid = EvmEngine.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EvmConfig.class)
public final class EvmEngine implements Engine {
    public static final String ID = "evm";
    public static final String PID = "org.blockhost.engine.evm";

    private final EvmRuntime runtime;
    private final long chainId;

    @Activate
    public EvmEngine(@Reference ChainEventSink sink, EvmConfig config) throws IOException {
        this.runtime = EvmRuntime.start(config, sink, ID);
        this.chainId = config.chainId();
    }

    @Override
    public java.util.OptionalLong chainId() {
        return java.util.OptionalLong.of(chainId);
    }

    @Deactivate
    void deactivate() {
        runtime.close();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Ethereum (EVM)";
    }

    @Override
    public AddressFormat addressFormat() {
        return EvmAddressFormat.INSTANCE;
    }

    @Override
    public String recoverSigner(String message, String signature) throws InvalidSignatureException {
        if (message == null || signature == null) {
            throw new InvalidSignatureException("message and signature are required");
        }
        try {
            return PersonalSign.recover(message, EthSignature.parse(signature)).toChecksumString();
        } catch (CryptoException | IllegalArgumentException e) {
            throw new InvalidSignatureException(e.getMessage());
        }
    }

    @Override
    public ChainHead head() throws ChainUnavailableException {
        return runtime.head();
    }

    @Override
    public CredentialIssuer credentials() {
        return runtime.issuer();
    }

    @Override
    public Treasury treasury() {
        return runtime.treasury();
    }
}
