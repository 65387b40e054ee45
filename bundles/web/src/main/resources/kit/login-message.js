// The SSH login message pam_web3 prints (EIP-4361 form: pam/src/siwe.c), parsed strictly, and the rules that
// make a signing page sign only SSH logins for this host: never a general signing oracle. Shared by the engines'
// signing pages (served at /kit/login-message.js; each engine's bundle imports it as an external module): an
// engine describes its wallet's lines with loginFormat({ account, address, chainId }).
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Why the message is refused; the reason is a sentence for the page. */
export class Refused extends Error {}

function linesOf(account, address, chainId) {
  return [
    [new RegExp(`^(\\S+) wants you to sign in with your ${account} account:$`), 'domain'],
    [address, 'address'],
    [/^$/, null],
    [/^Log in to ([a-z_][a-z0-9_-]{0,31})@([A-Za-z0-9.-]{1,253}(?::[0-9]{1,5})?) over SSH\.$/, 'login'],
    [/^$/, null],
    [/^URI: (\S+)$/, 'uri'],
    [/^Version: (\S+)$/, 'version'],
    ...(chainId ? [[/^Chain ID: ([0-9]{1,16})$/, 'chainId']] : []),
    [/^Nonce: ([A-Za-z0-9]{8,64})$/, 'nonce'],
    [/^Issued At: (\S+)$/, 'issuedAt'],
    [/^Expiration Time: (\S+)$/, 'expiresAt'],
  ];
}

function parse(lines, what, text) {
  if (typeof text !== 'string' || text.length > 2048) {
    throw new Refused('This is not an SSH login message: it is empty or too long.');
  }
  const got = text.replace(/\r\n/g, '\n').split('\n');
  if (got.length !== lines.length) {
    throw new Refused(`This is not an SSH login message ${what}: it has ${got.length} lines, a login message has ${lines.length}.`);
  }
  const f = {};
  lines.forEach(([re, name], i) => {
    const m = re.exec(got[i]);
    if (!m) {
      throw new Refused(`This is not an SSH login message: line ${i + 1} is not what a login message says there.`);
    }
    if (name === 'login') {
      [, f.user, f.machine] = m;
    } else if (name) {
      f[name] = m[1];
    }
  });
  for (const t of ['issuedAt', 'expiresAt']) {
    if (!TIME.test(f[t]) || Number.isNaN(Date.parse(f[t]))) {
      throw new Refused('This is not an SSH login message: its times are not in the login format.');
    }
  }
  return f;
}

/** Checks parsed fields against this host's name, the chain (when the format has one) and the clock; throws Refused. */
function check(f, host, chainId, now) {
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
  if (chainId !== undefined && f.chainId !== chainId) {
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

/**
 * A login format: `account` is the word pam_web3 writes in line 1 ("Ethereum", "Bitcoin"), `address` the
 * RegExp of line 2 (one capture group), `chainId` whether a "Chain ID:" line follows "Version:", `what` the
 * words naming the message in the line-count refusal, `normalise` applied to the parsed fields.
 * Returns { parseLogin(text), checkLogin(fields, host, [chainId,] now) }.
 */
export function loginFormat({ account, address, chainId = false, what = 'from this host', normalise = (f) => f }) {
  const lines = linesOf(account, address, chainId);
  return {
    parseLogin: (text) => normalise(parse(lines, what, text)),
    checkLogin: chainId
      ? (f, host, chain, now = Date.now()) => check(f, host, chain, now)
      : (f, host, now = Date.now()) => check(f, host, undefined, now),
  };
}
