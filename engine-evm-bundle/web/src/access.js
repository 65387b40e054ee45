// The access key from the wallet's signature of the access-key message (DESIGN.md "Access key").
import { accessKeyMessage, deriveAccessKey } from './crypto.js';

/** Asks the wallet to sign the access-key message; resolves with {secret, publicKey}. */
export async function accessKey(wallet, chain) {
  const message = accessKeyMessage(chain.host, chain.chainId, chain.credential);
  const signature = await wallet.signMessage(message);
  return deriveAccessKey(signature);
}
