// The SSH login message pam_web3 prints for an OPNet wallet (EIP-4361 text with "Bitcoin account", the
// wallet's Taproot address and no Chain ID line: pam/src/siwe.c), parsed strictly, and the rules that
// make the signing page sign only SSH logins for this host: never a general signing oracle.
const LINES = [
  [/^(\S+) wants you to sign in with your Bitcoin account:$/, 'domain'],
  [/^((?:bc|tb|bcrt|opt)1p[02-9ac-hj-np-z]{58}|(?:BC|TB|BCRT|OPT)1P[02-9AC-HJ-NP-Z]{58})$/, 'address'],
  [/^$/, null],
  [/^Log in to ([a-z_][a-z0-9_-]{0,31})@([A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?) over SSH\.$/, 'login'],
  [/^$/, null],
  [/^URI: (\S+)$/, 'uri'],
  [/^Version: (\S+)$/, 'version'],
  [/^Nonce: ([A-Za-z0-9]{8,64})$/, 'nonce'],
  [/^Issued At: (\S+)$/, 'issuedAt'],
  [/^Expiration Time: (\S+)$/, 'expiresAt'],
];
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Why the message is refused; the reason is a sentence for the page. */
export class Refused extends Error {}

/** The fields of a login message; throws Refused naming the first line that is not as pam_web3 writes it. */
export function parseLogin(text) {
  if (typeof text !== 'string' || text.length > 2048) {
    throw new Refused('This is not an SSH login message: it is empty or too long.');
  }
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.length !== LINES.length) {
    throw new Refused('This is not an SSH login message for a Bitcoin (OPNet) wallet: it has ' + lines.length
      + ' lines, a login message has ' + LINES.length + '.');
  }
  const f = {};
  LINES.forEach(([re, name], i) => {
    const m = re.exec(lines[i]);
    if (!m) {
      throw new Refused(`This is not an SSH login message: line ${i + 1} is not what a login message says there.`);
    }
    if (name === 'login') {
      [, f.user, f.machine] = m;
    } else if (name) {
      f[name] = m[1];
    }
  });
  f.address = f.address.toLowerCase();
  for (const t of ['issuedAt', 'expiresAt']) {
    if (!TIME.test(f[t]) || Number.isNaN(Date.parse(f[t]))) {
      throw new Refused('This is not an SSH login message: its times are not in the login format.');
    }
  }
  return f;
}

/** Checks the fields against this host's name and the clock; throws Refused. */
export function checkLogin(f, host, now = Date.now()) {
  const domainHost = f.domain.replace(/:[0-9]{1,5}$/, '').toLowerCase();
  if (domainHost !== String(host).toLowerCase()) {
    throw new Refused(`This message is for ${f.domain}, not for this host (${host}). Sign it only on that host's page.`);
  }
  if (f.uri !== 'ssh://' + f.domain) {
    throw new Refused('This is not an SSH login: its URI is not ssh://' + f.domain + '. It was not signed.');
  }
  if (f.version !== '1') {
    throw new Refused('This login message has an unknown version. It was not signed.');
  }
  const issued = Date.parse(f.issuedAt);
  const expires = Date.parse(f.expiresAt);
  if (expires <= now) {
    throw new Refused('This login message has expired. Start ssh again for a fresh one.');
  }
  if (issued > now + CLOCK_SKEW_MS || expires <= issued) {
    throw new Refused('This login message has impossible times (check your computer\'s clock). It was not signed.');
  }
  return f;
}
