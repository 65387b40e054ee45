// The OPNet signing page's logic: pam_web3's login messages (the ones pam's `make test` verifies, signed by the
// official SDK: pam/tests/vectors/opnet-sdk-login.json) parsed and signed through a test OP_WALLET; the text
// the page gives is exactly the one pam_web3 and OpnetSignIn check. A wallet with another key is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { parseLogin, checkLogin, Refused } from '../src/login-message.js';
import { signLogin, WrongWallet } from '../src/op-wallet.js';
import { taprootAddress, messageDigest, outputKey, xOnly, bytesToHex, hexToBytes, schnorr } from '../src/taproot.js';

const PAM = JSON.parse(readFileSync(new URL('../../../pam/tests/vectors/opnet-sdk-login.json', import.meta.url), 'utf8')).vectors;
const NOW = Date.parse('2026-12-05T13:01:00Z');

/** A test OP_WALLET: window.opnet's calls the page makes, answering with fixed keys or fixed signatures. */
function opWallet({ publicKey, sign }) {
  const calls = [];
  return {
    calls,
    async requestAccounts() { calls.push('requestAccounts'); return ['account']; },
    async getPublicKey() { calls.push('getPublicKey'); return publicKey; },
    async signData(hex, type) { calls.push(`signData ${type}`); return sign(hex); },
  };
}

/** A wallet signing with a known secret key (BIP-340 with fresh auxRand, as OP_WALLET's signSchnorr). */
function keyWallet(secret, tweaked = false) {
  const p = schnorr.getPublicKey(secret);
  const key = tweaked ? tweakedSecret(secret, p) : secret;
  return opWallet({ publicKey: '02' + bytesToHex(p), sign: (hex) => bytesToHex(schnorr.sign(hexToBytes(hex), key)) });
}

function tweakedSecret(secret, p) {
  const n = secp256k1.Point.CURVE().n;
  let d = BigInt('0x' + bytesToHex(secret));
  if (secp256k1.Point.BASE.multiply(d).y & 1n) {
    d = n - d; // BIP-341 tweaks the even-y key
  }
  const t = BigInt('0x' + bytesToHex(schnorr.utils.taggedHash('TapTweak', p)));
  return hexToBytes(((d + t) % n).toString(16).padStart(64, '0'));
}

test('pam_web3\'s OPNet login messages parse; the SDK wallets\' keys give the Taproot address in them', () => {
  assert.equal(PAM.length, 4);
  for (const v of PAM) {
    const f = checkLogin(parseLogin(v.message), 'vm1.test', NOW);
    assert.equal(f.address, v.p2tr);
    assert.equal(f.user, 'alice');
    assert.equal(taprootAddress(v.p2tr.slice(0, v.p2tr.lastIndexOf('1')), v.publicKey), v.p2tr);
    assert.equal(bytesToHex(messageDigest(v.message)), v.sha256);
  }
});

test('the page\'s text for the SDK\'s signatures is schnorr:<public key>:<signature>, what pam_web3 verifies', async () => {
  for (const v of PAM) {
    for (const sig of [v.signatureInternal, v.signatureTweaked]) {
      const wallet = opWallet({ publicKey: v.publicKey, sign: (hex) => { assert.equal(hex, v.sha256); return sig; } });
      const out = await signLogin(wallet, parseLogin(v.message), v.message);
      assert.equal(out.signature, `schnorr:${v.publicKey}:${sig}`);
      assert.equal(out.address, v.p2tr);
      assert.deepEqual(wallet.calls, ['requestAccounts', 'getPublicKey', 'signData schnorr']);
    }
  }
});

test('a test OP_WALLET with a known key signs a login for its own Taproot address; the result verifies', async () => {
  const secret = hexToBytes('0b'.repeat(32));
  for (const tweaked of [false, true]) {
    const address = taprootAddress('bcrt', '02' + bytesToHex(schnorr.getPublicKey(secret)));
    const message = PAM[0].message.replace(PAM[0].p2tr, address);
    const out = await signLogin(keyWallet(secret, tweaked), parseLogin(message), message);
    const [, key, sig] = out.signature.split(':');
    const p = xOnly(key);
    const digest = messageDigest(message);
    assert.ok(schnorr.verify(hexToBytes(sig), digest, tweaked ? outputKey(p) : p));
    assert.equal(out.address, address);
  }
});

test('another wallet is refused before anything is signed; a bad answer is not shown', async () => {
  const v = PAM[0];
  const other = opWallet({ publicKey: PAM[1].publicKey, sign: () => assert.fail('signed for the wrong wallet') });
  await assert.rejects(signLogin(other, parseLogin(v.message), v.message),
    (e) => e instanceof WrongWallet && e.message.includes(v.p2tr) && e.message.includes(PAM[1].p2tr));
  assert.deepEqual(other.calls, ['requestAccounts', 'getPublicKey']);
  const forged = opWallet({ publicKey: v.publicKey, sign: () => PAM[1].signatureInternal });
  await assert.rejects(signLogin(forged, parseLogin(v.message), v.message), /does not verify/);
  const short = opWallet({ publicKey: v.publicKey, sign: () => 'abcd' });
  await assert.rejects(signLogin(short, parseLogin(v.message), v.message), /did not give a Schnorr signature/);
  const notAKey = opWallet({ publicKey: '04' + 'ff'.repeat(32), sign: () => v.signatureInternal });
  await assert.rejects(signLogin(notAKey, parseLogin(v.message), v.message), /not a Bitcoin key/);
  await assert.rejects(signLogin(undefined, parseLogin(v.message), v.message), /No OP_WALLET/);
});

test('EVM messages, foreign hosts, non-SSH and expired messages are refused with a reason', () => {
  const m = PAM[0].message;
  const refused = (text, host, pattern, now = NOW) => assert.throws(() => checkLogin(parseLogin(text), host, now),
    (e) => e instanceof Refused && pattern.test(e.message));
  refused(m, 'evil.example.com', /not for this host/);
  refused(m.replace('URI: ssh://vm1.test', 'URI: https://vm1.test'), 'vm1.test', /not an SSH login/);
  refused(m, 'vm1.test', /expired/, Date.parse('2026-12-05T13:06:00Z'));
  refused(m.replace('Bitcoin account', 'Ethereum account'), 'vm1.test', /line 1/);
  refused(m.replace('Log in to alice@vm1 over SSH.', 'Send all my coins.'), 'vm1.test', /line 4/);
  refused(m.replace(PAM[0].p2tr, PAM[0].p2tr.slice(0, 10) + PAM[0].p2tr.slice(10).toUpperCase()), 'vm1.test', /line 2/);
  refused(m.replace('Version: 1', 'Version: 1\nChain ID: 1'), 'vm1.test', /11 lines/);
});
