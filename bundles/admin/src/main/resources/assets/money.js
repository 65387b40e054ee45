// Money as ../shared/UI.md shows it: a payment token with 2 decimals and its symbol, the chain's own
// coin (which pays gas) with 4 significant digits. Amounts arrive as decimal strings of the smallest unit.

/** A decimal string of the smallest unit as a number of whole units (display only). */
export function units(amount, decimals) {
  const s = amount.padStart(decimals + 1, '0');
  return Number(`${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals) || '0'}`);
}

/** `amount` (smallest unit) of `asset` with `decimals`; `native` for the coin that pays gas. */
export function money(amount, decimals, asset, native) {
  const n = units(amount, decimals);
  const text = native ? Number(n.toPrecision(4)).toString() : n.toFixed(2);
  return `${text} ${asset}`;
}
