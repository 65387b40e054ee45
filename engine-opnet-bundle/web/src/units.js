// Token amounts for the OPNet pages (UI.md money): base units as text with at least two decimals, more only when the
// amount has them (1.50, 0.000001), then the symbol where one is given.

/** `value` (base units, bigint or integer string) of a token with `decimals` decimals, e.g. 4500000n, 6 → "4.50". */
export function formatUnits(value, decimals) {
  const v = BigInt(value);
  const scale = 10n ** BigInt(decimals);
  const fraction = (v % scale).toString().padStart(decimals, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${v / scale}.${fraction}`;
}

/** `formatUnits` followed by the token's symbol: "4.50 TUSD". */
export const money = (value, token) => `${formatUnits(value, token.decimals)} ${token.symbol}`;
