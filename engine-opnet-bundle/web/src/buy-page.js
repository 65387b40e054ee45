// The buy page under the OPNet engine (/): the plans from the host's public API (before connecting), priced in the
// subscriptions contract's OP20 payment token; connect OP_WALLET (its OPNet address and token balance); then the
// access key (two identical ECDSA signatures, access-key.js), an approval of exactly the total to the subscriptions
// contract and buySubscription(plan, days, K, total), each signed and broadcast by OP_WALLET (writes.js, the SDK's
// contract layer, loaded on connect), each step's progress shown; then the purchase followed through core's purchase
// progress (follow.js) until the server is ready for login.
import { accessKeyMessage, deriveAccessKey, AccessKeyRefused } from './access-key.js';
import { followPurchase, FollowStopped } from './follow.js';
import { $, say, api, ownerAddress, payingSteps, plain as explain } from './page.js';
import { money as formatMoney } from './units.js';

const state = { chain: null, offer: null, owner: null, writes: null };
const plain = (e) => explain(e, [AccessKeyRefused],
  'Something went wrong. Check OP_WALLET for a transaction that was sent before trying again.');

const money = (units) => formatMoney(units, state.offer.token);

const selectedPlan = () => {
  const checked = document.querySelector('input[name=plan]:checked');
  return checked ? state.offer.plans.find((p) => String(p.id) === checked.value) : null;
};

function days() {
  const n = Number($('days').value);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : null;
}

function total() {
  const plan = selectedPlan();
  return plan && days() ? BigInt(plan.pricePerDay) * BigInt(days()) : null;
}

function updateTotal() {
  const d = days();
  $('days').setAttribute('aria-invalid', d ? 'false' : 'true');
  $('days-error').textContent = d ? '' : 'Enter a whole number of days from 1 to 3650.';
  const t = total();
  $('total').textContent = t === null ? '—' : money(t);
  $('buy').disabled = !state.owner || t === null;
}

function renderPlans() {
  const sellable = state.offer.plans.filter((p) => p.active);
  if (sellable.length === 0) {
    say($('plans-status'), 'No plans are on sale on this host right now. Come back later.', 'info');
    return;
  }
  $('plans').replaceChildren(...sellable.map((plan, i) => {
    const label = document.createElement('label');
    label.className = 'bh-plan';
    const input = document.createElement('input');
    Object.assign(input, { type: 'radio', name: 'plan', value: String(plan.id), checked: i === 0 });
    input.addEventListener('change', updateTotal);
    const name = document.createElement('strong');
    name.textContent = 'Plan ' + plan.id;
    const price = document.createElement('span');
    price.textContent = money(BigInt(plan.pricePerDay)) + ' / day';
    label.append(input, name, price);
    return label;
  }));
  say($('plans-status'), '', null);
  updateTotal();
}

async function onConnect() {
  $('connect').disabled = true;
  try {
    say($('wallet-status'), 'Approve the connection in OP_WALLET.', 'info');
    state.owner = await ownerAddress(window.opnet);
    state.writes = await import('/opnet-sign/writes.js');
    say($('wallet-status'), `Connected: ${state.owner}.`, 'ok');
    const held = await state.writes.tokenBalance(window.opnet, state.chain, state.offer.token);
    $('balance').textContent = `Your balance: ${money(held)}.`;
    $('connect').hidden = true;
    updateTotal();
  } catch (e) {
    say($('wallet-status'), plain(e), 'error');
    $('connect').disabled = false;
  }
}

const STEPS = payingSteps((units) => money(units), 'purchase',
  (_, t, p, d) => `Step 2 of 2: confirm the purchase in OP_WALLET: plan ${p}, ${d} days, ${money(t)}.`);

async function onBuy() {
  const plan = selectedPlan();
  const d = days();
  const t = total();
  $('buy').disabled = true;
  const bar = $('progress');
  let txid;
  try {
    say($('buy-status'), 'Sign the access-key message in OP_WALLET. It costs nothing and sends no transaction; it makes '
      + 'the key your server\'s details are sealed to.', 'info');
    const key = await deriveAccessKey(window.opnet, accessKeyMessage(state.chain.host, state.chain.network,
      state.chain.credential), () => say($('buy-status'), 'Sign the same message once more: two identical signatures '
      + 'prove OP_WALLET makes the same key every time.', 'info'));
    bar.hidden = false;
    txid = await state.writes.buySubscription(window.opnet, state.chain, state.offer.token, plan.id, d,
      key.publicKey.replace(/^0x/, ''), t, (step, id) => {
        const [value, words] = STEPS[step];
        bar.value = value;
        say($('buy-status'), words(id, t, plan.id, d), 'info');
      });
  } catch (e) {
    bar.hidden = true; // nothing is under way any more
    say($('buy-status'), plain(e), 'error');
    $('buy').disabled = false;
    return;
  }
  await follow(txid); // paid: whatever following it meets, the Buy button stays off
}

/** After the purchase: its stages from the host until the server is ready (the Buy button stays off: it is paid). */
async function follow(txid) {
  const bar = $('progress');
  const get = (path) => api(path).catch(() => null);
  try {
    const id = await followPurchase(txid, get, (stage, value, words, subscription) => {
      bar.value = value;
      if (subscription) {
        $('subscription').textContent = `Subscription #${subscription}, bought in ${txid}.`;
      }
      say($('buy-status'), words, stage === 'ready' ? 'ok' : 'info');
    });
    say($('buy-status'), `Your server is ready for login (subscription #${id}). Open My servers and press Show connection `
      + 'details for its SSH command.', 'ok');
  } catch (e) {
    const stopped = e instanceof FollowStopped;
    say($('buy-status'), stopped ? e.message : `Purchased in ${txid}; this page could not follow it further. Open My `
      + 'servers in a few minutes to see your server.', stopped && e.kind !== 'boot' ? 'error' : 'warn');
  }
  $('next').hidden = false;
}

async function start() {
  try {
    [state.chain, state.offer] = await Promise.all([api('/api/public/chain'), api('/api/public/plans')]);
    document.querySelectorAll('.bh-host').forEach((e) => { e.textContent = state.chain.host; });
    renderPlans();
    $('connect').disabled = false;
  } catch (e) {
    say($('plans-status'), plain(e), 'error');
  }
}

$('days').addEventListener('input', updateTotal);
$('connect').addEventListener('click', onConnect);
$('buy').addEventListener('click', onBuy);
start();
