// The SSH login message pam_web3 prints (EIP-4361 form), parsed strictly, and the rules that make
// the signing page sign only SSH logins for this host: never a general signing oracle.
const LINES = [
  [/^(\S+) wants you to sign in with your Ethereum account:$/, 'domain'],
  [/^(0x[0-9a-fA-F]{40})$/, 'address'],
  [/^$/, null],
  [/^Log in to ([a-z_][a-z0-9_-]{0,31})@([A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?) over SSH\.$/, 'login'],
  [/^$/, null],
  [/^URI: (\S+)$/, 'uri'],
  [/^Version: (\S+)$/, 'version'],
  [/^Chain ID: ([0-9]{1,16})$/, 'chainId'],
  [/^Nonce: ([A-Za-z0-9]{8,64})$/, 'nonce'],
  [/^Issued At: (\S+)$/, 'issuedAt'],
  [/^Expiration Time: (\S+)$/, 'expiresAt'],
];
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Why the message is refused; the reason is a sentence for the page. */
export class Refused extends Error {}

function hostOf(domain) {
  return domain.replace(/:[0-9]{1,5}$/, '').toLowerCase();
}

/** The fields of a login message; throws Refused naming the first line that is not as pam_web3 writes it. */
export function parseLogin(text) {
  if (typeof text !== 'string' || text.length > 2048) {
    throw new Refused('This is not an SSH login message: it is empty or too long.');
  }
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.length !== LINES.length) {
    throw new Refused('This is not an SSH login message from this host: it has ' + lines.length
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
  f.chainId = Number(f.chainId);
  for (const t of ['issuedAt', 'expiresAt']) {
    if (!TIME.test(f[t]) || Number.isNaN(Date.parse(f[t]))) {
      throw new Refused('This is not an SSH login message: its times are not in the login format.');
    }
  }
  return f;
}

/** Checks the fields against this host (name and chain) and the clock; throws Refused. */
export function checkLogin(f, host, chainId, now = Date.now()) {
  if (hostOf(f.domain) !== String(host).toLowerCase()) {
    throw new Refused(`This message is for ${f.domain}, not for this host (${host}). Sign it only on that host's page.`);
  }
  if (f.uri !== 'ssh://' + f.domain) {
    throw new Refused('This is not an SSH login: its URI is not ssh://' + f.domain + '. It was not signed.');
  }
  if (f.version !== '1') {
    throw new Refused('This login message has an unknown version. It was not signed.');
  }
  if (f.chainId !== chainId) {
    throw new Refused(`This message names network ${f.chainId}; this host uses network ${chainId}. It was not signed.`);
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
