// The SSH login message pam_web3 prints for an OPNet wallet (EIP-4361 text with "Bitcoin account", the wallet's
// Taproot address and no Chain ID line: pam/src/siwe.c), in the kit's strict login format
// (/kit/login-message.js, served by the web bundle): the signing page signs only SSH logins for this host.
import { loginFormat, Refused } from '/kit/login-message.js';

const format = loginFormat({
  account: 'Bitcoin',
  address: /^((?:bc|tb|bcrt|opt)1p[02-9ac-hj-np-z]{58}|(?:BC|TB|BCRT|OPT)1P[02-9AC-HJ-NP-Z]{58})$/,
  what: 'for a Bitcoin (OPNet) wallet',
  normalise: (f) => ({ ...f, address: f.address.toLowerCase() }),
});

export { Refused };
/** The fields of a login message; throws Refused naming the first line that is not as pam_web3 writes it. */
export const parseLogin = format.parseLogin;
/** checkLogin(fields, host, now): this host's name and the clock; throws Refused. */
export const checkLogin = format.checkLogin;
