// Signing an SSH login with OP_WALLET (window.opnet): connect (requestAccounts), read the wallet's public
// key, refuse unless its Taproot address is the login's wallet, sign SHA-256(message) with BIP-340 Schnorr
// (signData(hex, "schnorr"), what MessageSigner in @btc-vision/transaction sends) and give the text pam_web3
// and the engine's OpnetSignIn both take: schnorr:<public key>:<signature>.
import { taprootAddress, xOnly, outputKey, messageDigest, bytesToHex, hexToBytes, schnorr } from './taproot.js';

/** A refusal the page shows as it is (the wallet connected is not the login's). */
export class WrongWallet extends Error {}

function prefixOf(address) {
  return address.slice(0, address.lastIndexOf('1'));
}

/** The wallet's public key (hex, lower case) and its Taproot address under the login's prefix. */
export async function connectWallet(provider, loginAddress) {
  if (!provider || typeof provider.signData !== 'function') {
    throw new Error('No OP_WALLET found in this browser. Install OP_WALLET, unlock it and reload the page.');
  }
  await provider.requestAccounts();
  const publicKey = String(await provider.getPublicKey()).replace(/^0x/, '').toLowerCase();
  return { publicKey, address: taprootAddress(prefixOf(loginAddress), publicKey) };
}

/** Signs the login (fields as parseLogin gives them, message exactly as pam_web3 printed it); returns the text to paste. */
export async function signLogin(provider, fields, message) {
  const wallet = await connectWallet(provider, fields.address);
  if (wallet.address !== fields.address) {
    throw new WrongWallet(`This login is for the wallet ${fields.address}, but OP_WALLET's account has the Taproot address `
      + `${wallet.address}. Switch to that account in OP_WALLET and press Sign again.`);
  }
  const digest = messageDigest(message);
  const answer = await provider.signData(bytesToHex(digest), 'schnorr');
  const signature = String(answer).replace(/^0x/, '').toLowerCase();
  if (!/^[0-9a-f]{128}$/.test(signature)) {
    throw new Error('OP_WALLET did not give a Schnorr signature (64 bytes). Nothing to paste; try again.');
  }
  const p = xOnly(wallet.publicKey);
  const sig = hexToBytes(signature);
  if (!schnorr.verify(sig, digest, p) && !schnorr.verify(sig, digest, outputKey(p))) {
    throw new Error('The signature OP_WALLET gave does not verify for its own key. It would not log you in; try again.');
  }
  return { address: wallet.address, signature: `schnorr:${wallet.publicKey}:${signature}` };
}
