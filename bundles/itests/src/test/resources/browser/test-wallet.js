// The injected test wallet: an EIP-6963 announcement plus an EIP-1193 provider. Requests that
// need the key (personal_sign) wait in a queue the test answers with signatures made in Java.
(() => {
  const ADDRESS = '__ADDRESS__';
  const pending = [];
  let seq = 0;
  const provider = {
    request({ method, params }) {
      switch (method) {
        case 'eth_requestAccounts':
        case 'eth_accounts': return Promise.resolve([ADDRESS]);
        case 'eth_chainId': return Promise.resolve('__CHAIN__');
        case 'wallet_switchEthereumChain': return Promise.resolve(null);
        case 'personal_sign':
          return new Promise((resolve, reject) => pending.push({ id: ++seq, method, params, resolve, reject }));
        default: return Promise.reject({ code: 4200, message: 'the test wallet does not support ' + method });
      }
    },
    on() {},
    removeListener() {},
  };
  window.__bhWallet = {
    take() {
      return pending.filter((p) => !p.taken).map((p) => { p.taken = true; return { id: p.id, method: p.method, params: p.params }; });
    },
    answer(id, result) { pending.find((p) => p.id === id).resolve(result); },
  };
  const info = Object.freeze({ uuid: '6f0c1a52-0b6e-4a7a-9a8e-3d1f2b9c7e10', name: 'BlockHost test wallet',
    icon: 'data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E', rdns: 'org.blockhost.test' });
  const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider',
    { detail: Object.freeze({ info, provider }) }));
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
})();
