package org.blockhost.engine.opnet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.blockhost.engine.api.ChainUnavailableException;
import org.blockhost.engine.api.InvalidSignatureException;

/**
 * Jazzer targets for what a node or a wallet hands the engine. A normal build replays the committed seeds
 * (src/test/resources/.../OpnetParserFuzzTestInputs); {@code JAZZER_FUZZ=1} fuzzes. Any exception other than
 * the documented one is a finding.
 */
class OpnetParserFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Block JSON → OpnetBlock (only ChainUnavailableException) → our events (only UndecodableEventException). */
    @FuzzTest(maxDuration = "30s")
    void blockParser(FuzzedDataProvider data) throws Exception {
        JsonNode json;
        try {
            json = JSON.readTree(data.consumeRemainingAsBytes());
        } catch (IOException e) {
            return; // not JSON: OpnetRpc reports that before the parser runs
        }
        OpnetBlock block;
        try {
            block = OpnetBlock.parse(json);
        } catch (ChainUnavailableException e) {
            return;
        }
        try {
            new EventDecoder(Events.SUBS, Events.CRED).decode(block);
        } catch (EventDecoder.UndecodableEventException e) {
            // a halt, documented
        }
    }

    /** Wallet signature texts: only InvalidSignatureException; addresses: only IllegalArgumentException, idempotent. */
    @FuzzTest(maxDuration = "30s")
    void signInAndAddress(FuzzedDataProvider data) {
        String message = data.consumeString(64);
        String text = data.consumeRemainingAsString();
        try {
            OpnetSignIn.schnorrTaprootKey(message, text);
        } catch (InvalidSignatureException e) {
            // refused, documented
        }
        try {
            OpnetSignIn.mlDsaSigner(message, text);
        } catch (InvalidSignatureException e) {
            // refused, documented
        }
        try {
            String a = OpnetAddressFormat.INSTANCE.normalise(text);
            assertEquals(a, OpnetAddressFormat.INSTANCE.normalise(a));
        } catch (IllegalArgumentException e) {
            // refused, documented
        }
    }
}
