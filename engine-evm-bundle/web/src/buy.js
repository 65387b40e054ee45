// The buy page: plans from the host's public API (visible before connecting), then connect,
// balance, the access key signed in the wallet, an exact approval, the purchase, its progress
// live, and the decrypted connection details.
import { $, say, api, hostChain, connect, balance, approveExactly, money, plain } from './ui.js';
import { topic } from './chain.js';
import { decryptCredentials } from './crypto.js';
import { accessKey } from './access.js';
import { renderDetails } from './details.js';

const CREATED = topic('SubscriptionCreated(uint256,uint256,address,uint64,bytes)');
const STAGES = ['received', 'vm_created', 'credentials_encrypted', 'nft_minted', 'owner_set', 'active', 'ready'];
const PHASES = {
  waiting: 'Payment sent. Waiting for the host to see it on chain (a few blocks)…',
  received: 'Payment confirmed. Creating your server…',
  vm_created: 'Server created. It is booting for the first time; then its connection details are sealed to your key…',
  credentials_encrypted: 'Details sealed. Minting your access NFT…',
  nft_minted: 'NFT minted. Binding the server to your wallet…',
  owner_set: 'Almost done: starting the server…',
  active: 'Credentials minted. Your server is booting for the first time (usually a minute or two)…',
  ready: 'Your server is ready for login.',
};
/** Longest wait for the first boot before the details are shown anyway, with a warning. */
const MAX_BOOT_WAIT_S = 600;
const state = { chain: null, plans: [], wallet: null, rpc: null, units: null };

function selectedPlan() {
  const checked = document.querySelector('input[name=plan]:checked');
  return checked ? state.plans.find((p) => String(p.id) === checked.value) : null;
}

function days() {
  const n = Number($('days').value);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : null;
}

function total() {
  const plan = selectedPlan();
  const d = days();
  return plan && d ? BigInt(plan.pricePerDay) * BigInt(d) : null;
}

function updateTotal() {
  const d = days();
  $('days').setAttribute('aria-invalid', d ? 'false' : 'true');
  $('days-error').textContent = d ? '' : 'Enter a whole number of days from 1 to 3650.';
  const t = total();
  $('total').textContent = t === null ? '—' : money(t, state.chain.stablecoin);
  $('buy').disabled = !state.wallet || t === null;
}

function renderPlans() {
  const list = $('plans');
  list.replaceChildren();
  const sellable = state.plans.filter((p) => p.active);
  if (sellable.length === 0) {
    say($('plans-status'), 'No plans are on sale on this host right now. Come back later.', 'info');
    return;
  }
  sellable.forEach((plan, i) => {
    const label = document.createElement('label');
    label.className = 'bh-plan';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'plan';
    input.value = String(plan.id);
    input.checked = i === 0;
    input.addEventListener('change', updateTotal);
    const name = document.createElement('strong');
    name.textContent = plan.name;
    const price = document.createElement('span');
    price.textContent = money(BigInt(plan.pricePerDay), state.chain.stablecoin) + ' / day';
    const res = document.createElement('span');
    res.className = 'bh-muted';
    res.textContent = plan.resources
      ? `${plan.resources.vcpus} vCPU · ${plan.resources.memoryMib} MiB memory · ${plan.resources.diskGib} GiB disk`
      : 'resources not published';
    label.append(input, name, price, res);
    list.append(label);
  });
  updateTotal();
}

async function onConnect() {
  $('connect').disabled = true;
  try {
    ({ wallet: state.wallet, rpc: state.rpc } = await connect(state.chain, $('wallet-status')));
    state.units = await balance(state.rpc, state.chain, state.wallet.account);
    $('balance').textContent = 'Your balance: ' + money(state.units, state.chain.stablecoin) + '.';
    $('connect').hidden = true;
    updateTotal();
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
    $('connect').disabled = false;
  }
}

/** "about 2 minutes" / "about 40 seconds" for a typical first boot. */
export function bootText(seconds) {
  return seconds >= 90 ? `about ${Math.round(seconds / 60)} minutes` : `about ${Math.max(5, Math.round(seconds / 5) * 5)} seconds`;
}

/** Polls the purchase until its server is ready for login (or the first boot takes far too long). */
async function follow(subscriptionId) {
  const bar = $('progress');
  bar.hidden = false;
  let bootStarted = null;
  for (;;) {
    const p = await api('/api/public/purchase/' + subscriptionId).catch(() => null);
    const stage = p && p.stage === 'active' && p.ready ? 'ready' : p ? p.stage : 'waiting';
    bar.value = Math.max(0, STAGES.indexOf(stage)) + 1;
    if (p && p.parked) {
      throw new Error('The host could not finish setting up your server: ' + p.reason
        + ' Your payment is recorded on chain; the operator has been told.');
    }
    const typical = p && Number.isInteger(p.typicalBootSeconds) ? p.typicalBootSeconds : null;
    if (typical !== null) {
      $('subscription').textContent = `Subscription #${subscriptionId}. A new server's first boot takes `
        + `${bootText(typical)} on this host.`;
    }
    say($('buy-status'), PHASES[stage] || PHASES.waiting, 'info');
    if (stage === 'ready') {
      return true;
    }
    if (stage === 'active') {
      bootStarted = bootStarted || Date.now();
      if (Date.now() - bootStarted > 1000 * Math.max(MAX_BOOT_WAIT_S, 3 * (typical || 0))) {
        return false;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }
}

async function showDetails(subscriptionId, key, ready) {
  const [minted, tokenId] = await state.rpc.call(state.chain.credential, 'tokenOfSubscription(uint256)', ['uint256'],
    [subscriptionId], ['bool', 'uint256']);
  if (!minted) {
    throw new Error('The server is ready but its NFT is not visible yet. Open My servers in a minute.');
  }
  const [sealed] = await state.rpc.call(state.chain.credential, 'getCredentials(uint256)', ['uint256'], [tokenId], ['bytes']);
  const details = await decryptCredentials(key.secret, sealed);
  if (ready) {
    say($('buy-status'), `Your server is ready for login (NFT #${tokenId}).`, 'ok');
  } else {
    say($('buy-status'), `Your server (NFT #${tokenId}) has not reported that its first boot finished yet. `
      + 'SSH may not answer for a few more minutes; if it still does not, ask the host\'s operator.', 'warn');
  }
  $('result').replaceChildren(renderDetails(details));
}

async function onBuy() {
  const plan = selectedPlan();
  const d = days();
  const amount = total();
  const status = $('buy-status');
  $('buy').disabled = true;
  try {
    const units = await balance(state.rpc, state.chain, state.wallet.account);
    if (units < amount) {
      throw new Error(`Your wallet holds ${money(units, state.chain.stablecoin)}; this purchase needs `
        + `${money(amount, state.chain.stablecoin)}. Add ${state.chain.stablecoin.symbol} to your wallet, then try again.`);
    }
    say(status, 'Step 1 of 3: sign the access-key message in your wallet. It costs nothing and sends no transaction; '
      + 'it creates the key your server\'s details are sealed to.', 'info');
    const key = await accessKey(state.wallet, state.chain);
    say(status, `Step 2 of 3: approve a payment of exactly ${money(amount, state.chain.stablecoin)} in your wallet.`, 'info');
    await approveExactly(state.rpc, state.chain, state.wallet.account, state.chain.subscriptions, amount,
      () => say(status, 'Approval sent. Waiting for it to be mined…', 'info'));
    say(status, `Step 3 of 3: confirm the purchase of ${plan.name} for ${d} days in your wallet.`, 'info');
    const receipt = await state.rpc.send(state.chain.subscriptions, 'buySubscription(uint256,uint256,bytes,uint256)',
      ['uint256', 'uint256', 'bytes', 'uint256'], [plan.id, d, key.publicKey, amount],
      () => say(status, 'Purchase sent. Waiting for it to be mined…', 'info'));
    const log = receipt.logs.find((l) => l.address.toLowerCase() === state.chain.subscriptions.toLowerCase()
      && l.topics[0] === CREATED);
    if (!log) {
      throw new Error('The purchase was mined but its receipt has no subscription. Open My servers to see it.');
    }
    const id = BigInt(log.topics[1]);
    $('subscription').textContent = `Subscription #${id}.`;
    const ready = await follow(id);
    await showDetails(id, key, ready);
  } catch (e) {
    say(status, plain(e), 'error');
    $('buy').disabled = false;
  }
}

async function start() {
  try {
    state.chain = await hostChain();
    const plans = await api('/api/public/plans');
    state.plans = plans ? plans.plans : [];
    document.querySelectorAll('.bh-host').forEach((e) => { e.textContent = state.chain.host; });
    say($('plans-status'), '', '');
    renderPlans();
    $('connect').disabled = false;
  } catch (e) {
    say($('plans-status'), plain(e), 'error');
  }
}

$('connect').addEventListener('click', onConnect);
$('buy').addEventListener('click', onBuy);
$('days').addEventListener('input', updateTotal);
start();
