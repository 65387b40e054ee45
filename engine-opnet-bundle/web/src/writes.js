// The OPNet interactions a buyer sends from the pages, signed and broadcast by OP_WALLET. Loaded only by the pages
// that write, when a write starts (bundled as /opnet-sign/writes.js with the SDK: opnet, @btc-vision/transaction).
// Each write is the SDK's contract layer: getContract(...).method(args) simulates through the host's read-only relay
// (/api/public/rpc: btc_call, btc_gas, btc_getUTXOs), then OP_WALLET's web3.signAndBroadcastInteraction gets the
// simulated calldata, the contract, gas, fee rate and the account's UTXOs (the wallet adds its keys and the epoch
// challenge and broadcasts itself: the host relays no broadcast).
import { JSONRpcProvider, getContract, BitcoinAbiTypes, decodeRevertData, OP_20_ABI } from 'opnet';
import { Address, ABIDataTypes } from '@btc-vision/transaction';
import { networks, fromBase64 } from '@btc-vision/bitcoin';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { formatUnits } from './units.js';

export { formatUnits };

/**
 * A write the page refuses or the chain refused, in plain words with what to do next (a sentence the pages show as
 * it is: they import this module dynamically, so they recognise it by its sentence, not by its class).
 */
export class WriteRefused extends Error {}

const NETWORKS = { mainnet: networks.bitcoin, testnet: networks.testnet, regtest: networks.regtest };
const fn = (name, inputs, outputs = []) => ({ name, type: BitcoinAbiTypes.Function, inputs, outputs });
const U256 = ABIDataTypes.UINT256;

export const CREDENTIAL_ABI = [
  fn('setAccessKey', [{ name: 'tokenId', type: U256 }, { name: 'accessKey', type: ABIDataTypes.BYTES }]),
  fn('getAccessKey', [{ name: 'tokenId', type: U256 }], [{ name: 'accessKey', type: ABIDataTypes.BYTES }]),
];

export const SUBSCRIPTIONS_ABI = [
  fn('buySubscription', [{ name: 'planId', type: U256 }, { name: 'days', type: ABIDataTypes.UINT64 },
    { name: 'accessKey', type: ABIDataTypes.BYTES }, { name: 'maxAmount', type: U256 }], [{ name: 'subscriptionId', type: U256 }]),
  fn('extendSubscription', [{ name: 'subscriptionId', type: U256 }, { name: 'days', type: ABIDataTypes.UINT64 },
    { name: 'maxAmount', type: U256 }], [{ name: 'expiresAt', type: ABIDataTypes.UINT64 }]),
];

/**
 * The connected OP_WALLET account for writes: its OPNet address (SHA-256 of the ML-DSA key), its Bitcoin key and
 * the Taproot address its UTXOs are at, on the engine's network.
 */
export async function account(opnet, network) {
  if (!opnet || !opnet.web3 || typeof opnet.web3.signAndBroadcastInteraction !== 'function') {
    throw new WriteRefused('This OP_WALLET cannot send OPNet transactions. Update OP_WALLET, unlock it and try again.');
  }
  const net = NETWORKS[network];
  if (!net) {
    throw new WriteRefused('This host names an unknown network. Tell the host\'s operator.');
  }
  await opnet.requestAccounts();
  const mldsa = String(await opnet.web3.getMLDSAPublicKey()).replace(/^0x/, '');
  const legacy = String(await opnet.getPublicKey()).replace(/^0x/, '');
  const address = Address.fromString('0x' + bytesToHex(sha256(hexToBytes(mldsa))), '0x' + legacy);
  return { address, network: net, p2tr: address.p2tr(net) };
}

/** The SDK's provider on the host's relay (same origin), remembering the last simulation's revert (the SDK throws it as a plain Error). */
class RelayProvider extends JSONRpcProvider {
  lastRevert;

  /** The relay's path exactly (the SDK would append /api/v1/json-rpc). */
  providerUrl(url) {
    return url;
  }

  async callPayloadSingle(payload) {
    const answer = await super.callPayloadSingle(payload);
    const revert = payload?.method === 'btc_call' ? answer?.result?.revert : undefined;
    if (typeof revert === 'string') {
      try {
        this.lastRevert = decodeRevertData(fromBase64(revert));
      } catch {
        this.lastRevert = 'reverted';
      }
    }
    return answer;
  }
}

export function relay(network) {
  return new RelayProvider({ url: new URL('/api/public/rpc', location.href).href, network: NETWORKS[network], timeout: 30_000 });
}

/**
 * Simulates `method(args)` on `contract` as `who` and hands the interaction to OP_WALLET, which signs and broadcasts
 * it. `progress(step, txid)` hears 'simulating', 'wallet' (waiting for the wallet) and 'sent' (with the id). Answers the interaction's
 * transaction id. A revert is refused before the wallet is asked; nothing is signed by the page.
 */
export async function interact(opnet, provider, who, contract, abi, method, args, progress = () => {}) {
  progress('simulating');
  const instance = getContract(Address.fromString(contract), abi, provider, who.network, who.address);
  let simulation;
  provider.lastRevert = undefined;
  try {
    simulation = await instance[method](...args);
  } catch (e) {
    if (provider.lastRevert !== undefined) {
      throw refusedBy(provider.lastRevert);
    }
    throw new WriteRefused('The host\'s node could not check this transaction now. Nothing was sent; try again in a minute.');
  }
  if (simulation.revert) {
    throw refusedBy(simulation.revert);
  }
  const fees = await provider.gasParameters().catch(() => null);
  const feeRate = Math.max(1, Number(fees?.bitcoin?.conservative ?? 2));
  const request = { refundTo: who.p2tr, sender: who.p2tr, feeRate, priorityFee: 0n, network: who.network,
    maximumAllowedSatToSpend: 0n, dontUseCSVUtxos: true };
  let utxos;
  try {
    utxos = await simulation.acquire(request);
  } catch (e) {
    if (!/insufficient|not enough|no utxo/i.test(String(e && e.message))) {
      throw new WriteRefused('The host\'s node could not be read now. Nothing was sent; try again in a minute.');
    }
    throw new WriteRefused(`Your wallet's Bitcoin address ${who.p2tr} does not hold enough bitcoin for the transaction `
      + 'fee. Send some bitcoin to it, wait for a confirmation and try again.');
  }
  progress('wallet');
  const answer = await opnet.web3.signAndBroadcastInteraction({
    to: simulation.to, contract: simulation.address.toHex(), calldata: simulation.calldata, from: who.p2tr, utxos,
    feeRate, priorityFee: 0n, gasSatFee: simulation.estimatedSatGas, network: who.network,
    linkMLDSAPublicKeyToAddress: true, revealMLDSAPublicKey: false,
  });
  const interaction = Array.isArray(answer) ? answer[1] : null;
  if (!interaction || !interaction.success || typeof interaction.result !== 'string') {
    throw new WriteRefused('OP_WALLET could not broadcast the transaction. Nothing was paid for it; try again in a minute.');
  }
  progress('sent', interaction.result);
  return interaction.result;
}

function refusedBy(reason) {
  const words = String(reason).replace(/[^\x20-\x7e]/g, '').slice(0, 120);
  return new WriteRefused(`The contract refuses this transaction (${words}). Nothing was sent.`);
}

/**
 * Registers `key` (33-byte compressed access key, hex without 0x) for `tokenId` (setAccessKey on the credential
 * contract) and waits until the chain shows it (getAccessKey read every `pollMs`, at most `attempts` times).
 * `progress` also hears 'confirmed'. Answers the transaction id.
 */
export async function registerAccessKey(opnet, chain, tokenId, key, progress, { pollMs = 5000, attempts = 360 } = {}) {
  const provider = relay(chain.network);
  const who = await account(opnet, chain.network);
  const txid = await interact(opnet, provider, who, chain.credential, CREDENTIAL_ABI, 'setAccessKey',
    [BigInt(tokenId), hexToBytes(key)], progress);
  const credential = getContract(Address.fromString(chain.credential), CREDENTIAL_ABI, provider, who.network, who.address);
  for (let i = 0; i < attempts; i++) {
    const now = await credential.getAccessKey(BigInt(tokenId)).catch(() => null);
    if (now && !now.revert && bytesToHex(now.properties.accessKey ?? new Uint8Array()) === key) {
      progress('confirmed', txid);
      return txid;
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new WriteRefused(`Sent in ${txid}, not confirmed yet. Reload this page later: it shows the new key once a block holds it.`);
}

const poll = (ms) => new Promise((r) => setTimeout(r, ms));

/** The connected account's balance of `token` (base units), read through the relay. */
export async function tokenBalance(opnet, chain, token) {
  const who = await account(opnet, chain.network);
  const erc = getContract(Address.fromString(token.address), OP_20_ABI, relay(chain.network), who.network, who.address);
  return read(erc.balanceOf(who.address), 'balance');
}

/**
 * Buys `days` of plan `planId` for `key` (33-byte compressed access key, hex without 0x) paying exactly `total` base
 * units of `token` ({address, symbol, decimals}): `buySubscription(planId, days, key, total)` after {@link paying}.
 * Answers the purchase's transaction id.
 */
export async function buySubscription(opnet, chain, token, planId, days, key, total, progress, options) {
  return paying(opnet, chain, token, total, progress, options, 'buySubscription',
    [BigInt(planId), BigInt(days), hexToBytes(key), total]);
}

/** Renews subscription `id` by `days` paying exactly `total`: `extendSubscription(id, days, total)` after {@link paying}. */
export async function extendSubscription(opnet, chain, token, id, days, total, progress, options) {
  return paying(opnet, chain, token, total, progress, options, 'extendSubscription', [BigInt(id), BigInt(days), total]);
}

/**
 * A subscriptions-contract write paid with `total` of `token`: reads the wallet's token balance first (too little:
 * refused naming what is needed), then `increaseAllowance(subscriptions, total)` unless the allowance already covers
 * it, waits until the chain shows the allowance, then `method(args)` (whose max amount is `total`). `progress(step,
 * txid)` hears 'balance', then 'approve:<step>' and 'buy:<step>' (simulating, wallet, sent, confirmed).
 */
async function paying(opnet, chain, token, total, progress, { pollMs = 5000, attempts = 360 } = {}, method, args) {
  const provider = relay(chain.network);
  const who = await account(opnet, chain.network);
  const erc = getContract(Address.fromString(token.address), OP_20_ABI, provider, who.network, who.address);
  const spender = Address.fromString(chain.subscriptions);
  progress('balance');
  const balance = await read(erc.balanceOf(who.address), 'balance');
  if (balance < total) {
    const what = method === 'extendSubscription' ? 'this renewal' : 'this purchase';
    throw new WriteRefused(`Your wallet holds ${formatUnits(balance, token.decimals)} ${token.symbol}; ${what} needs `
      + `${formatUnits(total, token.decimals)} ${token.symbol}. Add ${formatUnits(total - balance, token.decimals)} `
      + `${token.symbol} to your OPNet account ${who.address.toHex()} and try again.`);
  }
  const allowance = () => read(erc.allowance(who.address, spender), 'remaining');
  if ((await allowance()) < total) {
    const approval = await interact(opnet, provider, who, token.address, OP_20_ABI, 'increaseAllowance', [spender, total],
      (step, txid) => progress('approve:' + step, txid));
    let shown = false;
    for (let i = 0; i < attempts && !shown; i++) {
      shown = (await allowance().catch(() => 0n)) >= total;
      if (!shown) {
        await poll(pollMs);
      }
    }
    if (!shown) {
      throw new WriteRefused(`The approval was sent in ${approval} but is not confirmed yet. Press the button again once `
        + 'a block holds it: nothing is approved twice.');
    }
    progress('approve:confirmed', approval);
  }
  return interact(opnet, provider, who, chain.subscriptions, SUBSCRIPTIONS_ABI, method, args,
    (step, txid) => progress('buy:' + step, txid));
}

async function read(call, field) {
  let answer;
  try {
    answer = await call;
  } catch {
    answer = null;
  }
  const value = answer && !answer.revert ? answer.properties?.[field] : undefined;
  if (typeof value !== 'bigint') {
    throw new WriteRefused('The host\'s node could not be read now. Nothing was sent; try again in a minute.');
  }
  return value;
}
