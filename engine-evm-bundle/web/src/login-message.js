// The SSH login message pam_web3 prints for an Ethereum wallet (EIP-4361 form with "Chain ID"), in the kit's
// strict login format (/kit/login-message.js, served by the web bundle): the signing page signs only SSH logins
// for this host on this chain.
import { loginFormat, Refused } from '/kit/login-message.js';

const format = loginFormat({
  account: 'Ethereum',
  address: /^(0x[0-9a-fA-F]{40})$/,
  chainId: true,
  normalise: (f) => ({ ...f, chainId: Number(f.chainId) }),
});

export { Refused };
/** The fields of a login message; throws Refused naming the first line that is not as pam_web3 writes it. */
export const parseLogin = format.parseLogin;
/** checkLogin(fields, host, chainId, now): this host's name, this chain, the clock; throws Refused. */
export const checkLogin = format.checkLogin;
