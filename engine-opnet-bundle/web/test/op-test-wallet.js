// TEST ONLY (injected by the browser tests, never served): an OP_WALLET (window.opnet) that signs with the
// secret key the test put in window.__bhOpnetKey (hex): BIP-340 Schnorr with fresh auxRand as OP_WALLET does, ECDSA
// deterministically (RFC 6979, 64 bytes r ‖ s, as the SDK's signer); its ML-DSA public key is window.__bhOpnetMldsaKey
// (hex, the test's: its SHA-256 is the account's OPNet address). Calls are counted in window.__bhOpnetCalls so a
// test can see what was signed. web3.signAndBroadcastInteraction signs with the SDK's TransactionFactory (the key above,
// a fixed epoch challenge, fixed randomBytes: the same calldata and scripts for the same request; no ML-DSA link, the
// test's ML-DSA key is not a real one) and "broadcasts" by leaving the package in window.__bhOpnetBroadcasts, which
// the test hands to its fixture node (the extension broadcasts to its own node). window.__bhOpnetFunding(sats) builds
// the previous transaction paying the account's Taproot address (the UTXO the test gives the node).
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Address, ChallengeSolution, EcKeyPair, TransactionFactory } from '@btc-vision/transaction';
import { Transaction, address as baddress, networks } from '@btc-vision/bitcoin';

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
    async signAndBroadcastInteraction(params) {
      calls.push('signAndBroadcastInteraction');
      const wallet = window.opnet;
      window.opnet = undefined; // the SDK would hand the signing back to window.opnet
      let signed;
      try {
        signed = await new TransactionFactory().signInteraction({ ...params, signer: EcKeyPair.fromPrivateKey(secret(), net()),
          mldsaSigner: null, challenge: challenge(), randomBytes: new Uint8Array(32).fill(9),
          linkMLDSAPublicKeyToAddress: false, revealMLDSAPublicKey: false });
      } finally {
        window.opnet = wallet;
      }
      window.__bhOpnetBroadcasts.push([signed.fundingTransaction, signed.interactionTransaction]);
      const [funding, interaction] = [signed.fundingTransaction, signed.interactionTransaction].map((h) => Transaction.fromHex(h).getId());
      return [{ success: true, result: funding, peers: 1 }, { success: true, result: interaction, peers: 1 }, signed.nextUTXOs, interaction];
    },
  },
};
window.__bhOpnetBroadcasts = [];

function net() {
  return { mainnet: networks.bitcoin, testnet: networks.testnet, regtest: networks.regtest }[window.__bhOpnetNetwork || 'mainnet'];
}

/** The account's Taproot address as the page derives it (the SDK's Address of the ML-DSA hash and the Bitcoin key). */
function p2tr() {
  const legacy = bytesToHex(secp256k1.getPublicKey(secret(), true));
  return Address.fromString('0x' + bytesToHex(sha256(hexToBytes(window.__bhOpnetMldsaKey))), '0x' + legacy).p2tr(net());
}

window.__bhOpnetFunding = (sats) => {
  const tx = new Transaction();
  tx.version = 2;
  tx.addInput(new Uint8Array(32).fill(5), 0);
  const script = baddress.toOutputScript(p2tr(), net());
  tx.addOutput(script, BigInt(sats));
  return { address: p2tr(), txid: tx.getId(), script: bytesToHex(script), raw: tx.toHex() };
};

/** A fixed epoch challenge in the node's btc_preimage shape (a miner key of 7s). */
function challenge() {
  const h = (text) => '0x' + bytesToHex(sha256(new TextEncoder().encode(text)));
  return new ChallengeSolution({
    epochNumber: '12', mldsaPublicKey: h('test-miner-mldsa'),
    legacyPublicKey: '0x' + bytesToHex(secp256k1.getPublicKey(new Uint8Array(32).fill(7), true)),
    solution: h('solution'), salt: h('salt'), graffiti: '0x' + '00'.repeat(16), difficulty: 20,
    verification: { epochHash: h('epoch'), epochRoot: h('root'), targetHash: h('target'), targetChecksum: h('checksum'),
      startBlock: '96', endBlock: '103', proofs: [h('proof')] },
  });
}
