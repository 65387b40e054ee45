// TEST ONLY (injected by the browser tests, never served): an OP_WALLET (window.opnet) that signs with the
// secret key the test put in window.__bhOpnetKey (hex): BIP-340 Schnorr with fresh auxRand as OP_WALLET does, ECDSA
// deterministically (RFC 6979, 64 bytes r ‖ s, as the SDK's signer); its ML-DSA public key is window.__bhOpnetMldsaKey
// (hex, the test's: its SHA-256 is the account's OPNet address). Calls are counted in window.__bhOpnetCalls so a
// test can see what was signed.
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

const calls = [];
const secret = () => hexToBytes(window.__bhOpnetKey);
window.__bhOpnetCalls = calls;
window.opnet = {
  async requestAccounts() { calls.push('requestAccounts'); return ['test-account']; },
  async getPublicKey() { calls.push('getPublicKey'); return bytesToHex(secp256k1.getPublicKey(secret(), true)); },
  async signData(hex, type) {
    calls.push('signData ' + type);
    if (type === 'ecdsa') {
      return bytesToHex(secp256k1.sign(hexToBytes(hex), secret(), { prehash: false }));
    }
    if (type !== 'schnorr') {
      throw new Error('the test wallet signs schnorr and ecdsa only');
    }
    return bytesToHex(schnorr.sign(hexToBytes(hex), secret()));
  },
  web3: {
    async getMLDSAPublicKey() { calls.push('getMLDSAPublicKey'); return window.__bhOpnetMldsaKey; },
  },
};
