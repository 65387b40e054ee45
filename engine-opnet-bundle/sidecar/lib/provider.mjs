// The SDK's JSON-RPC provider, posting to the configured URL exactly (the Java engine does the same)
// and remembering whether the last simulation (btc_call) reverted, so a revert can be told apart
// from a node that is down: the SDK reports both as one Error.
import { JSONRpcProvider } from 'opnet';
import { fromBase64 } from '@btc-vision/bitcoin';
import { decodeRevertData } from 'opnet';

export class SidecarProvider extends JSONRpcProvider {
    lastRevert;

    providerUrl(url) {
        return url.trim();
    }

    async callPayloadSingle(payload) {
        const answer = await super.callPayloadSingle(payload);
        if (payload?.method === 'btc_call') {
            const revert = answer?.result?.revert;
            if (typeof revert === 'string') this.lastRevert = revertText(revert);
        }
        return answer;
    }
}

function revertText(base64) {
    try {
        return decodeRevertData(fromBase64(base64));
    } catch {
        return 'reverted (undecodable reason)';
    }
}
