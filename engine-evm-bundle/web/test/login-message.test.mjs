// The signing page's rules: only SSH login messages as pam_web3 writes them, for this host, on
// this chain, not expired.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogin, checkLogin, Refused } from '../src/login-message.js';

const NOW = Date.parse('2026-12-05T04:00:00Z');
function message({ domain = 'vm.example.org:2201', uri, statement, chain = 31337, expires = '2026-12-05T04:05:00Z' } = {}) {
  return `${domain} wants you to sign in with your Ethereum account:\n0x70997970C51812dc3A010C7d01b50e0d17dc79C8\n\n`
    + `${statement || 'Log in to user@blockhost-001 over SSH.'}\n\nURI: ${uri || 'ssh://' + domain}\nVersion: 1\n`
    + `Chain ID: ${chain}\nNonce: abcdEFGH1234\nIssued At: 2026-12-05T03:59:00Z\nExpiration Time: ${expires}`;
}
const ok = (text) => checkLogin(parseLogin(text), 'vm.example.org', 31337, NOW);

test('a login message for this host is accepted field by field', () => {
  const f = ok(message());
  assert.equal(f.user, 'user');
  assert.equal(f.machine, 'blockhost-001');
  assert.equal(f.nonce, 'abcdEFGH1234');
  assert.equal(f.address, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
});

test('foreign, tampered, expired and non-SSH messages are refused with a reason', () => {
  const refused = (text, pattern) => assert.throws(() => ok(text), (e) => e instanceof Refused && pattern.test(e.message));
  refused(message({ domain: 'evil.example.com' }), /not for this host/);
  refused(message({ uri: 'https://vm.example.org:2201/' }), /not an SSH login/);
  refused(message({ chain: 1 }), /network 1/);
  refused(message({ expires: '2026-12-05T03:59:30Z' }), /expired/);
  refused(message({ statement: 'Transfer all my tokens.' }), /line 4/);
  refused(message({ statement: 'Log in to <b>x</b>@vm over SSH.' }), /line 4/);
  refused(message() + '\nResources:\n- https://evil', /lines/);
  refused('hello world', /lines/);
  refused(message().replace('Version: 1', 'Version: 2'), /version/);
  const admin = message().replace('Log in to user@blockhost-001 over SSH.', 'Sign in to the BlockHost admin console.');
  refused(admin, /line 4/);
});
