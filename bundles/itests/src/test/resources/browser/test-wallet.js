// The injected test wallet: an EIP-6963 announcement plus an EIP-1193 provider. Every request but
// the account and chain id waits in a queue the test answers: personal_sign with signatures made in
// Java with the test key, the rest (eth_call, eth_sendTransaction from an unlocked dev account, ...)
// forwarded by the test to the dev chain's JSON-RPC.
(() => {
  const ADDRESS = '__ADDRESS__';
  const pending = [];
  let chain = '__CHAIN__';
  const unknown = new Set();
  const added = [];
  let seq = 0;
  const provider = {
    request({ method, params }) {
      switch (method) {
        case 'eth_requestAccounts':
        case 'eth_accounts': return Promise.resolve([ADDRESS]);
        case 'eth_chainId': return Promise.resolve(chain);
        case 'wallet_switchEthereumChain':
          if (unknown.has(params[0].chainId)) {
            return Promise.reject({ code: 4902, message: 'Unrecognized chain ID' });
          }
          return new Promise((resolve, reject) => pending.push({ id: ++seq, method, params, resolve, reject }));
        default:
          return new Promise((resolve, reject) => pending.push({ id: ++seq, method, params, resolve, reject }));
      }
    },
    on() {},
    removeListener() {},
  };
  window.__bhWallet = {
    take() {
      return pending.filter((p) => !p.taken).map((p) => {
        p.taken = true;
        return { id: p.id, method: p.method, params: p.params, json: JSON.stringify(p.params || []) };
      });
    },
    /** Puts the wallet on another network (as if the user had switched in the wallet). */
    setChain(hex) { chain = hex; },
    /** Grants a pending wallet_switchEthereumChain. */
    switchChain(id) {
      const p = pending.find((q) => q.id === id);
      chain = p.params[0].chainId;
      p.resolve(null);
    },
    /** Forgets a chain: switching to it fails with 4902 until it is added. */
    forget(hex) { unknown.add(hex); },
    /** Grants a pending wallet_addEthereumChain: the chain is known and the wallet switches to it. */
    addChain(id) {
      const p = pending.find((q) => q.id === id);
      unknown.delete(p.params[0].chainId);
      added.push(p.params[0]);
      chain = p.params[0].chainId;
      p.resolve(null);
    },
    added,
    answer(id, result) { pending.find((p) => p.id === id).resolve(result); },
    fail(id, code, message) { pending.find((p) => p.id === id).reject({ code, message }); },
    /** A JSON-RPC answer as text: its result, or its error (code, message, data) as an EIP-1193 error. */
    answerRpc(id, text) {
      const p = pending.find((q) => q.id === id);
      const answer = JSON.parse(text);
      if (answer.error) {
        p.reject(answer.error);
      } else {
        p.resolve(answer.result);
      }
    },
  };
  const info = Object.freeze({ uuid: '6f0c1a52-0b6e-4a7a-9a8e-3d1f2b9c7e10', name: 'BlockHost test wallet',
    icon: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E', rdns: 'org.blockhost.test' });
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider',
    { detail: Object.freeze({ info, provider }) }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
})();
