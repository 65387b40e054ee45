// Toasts for completed actions: a polite live region (role=status) that screen readers announce.
let region;

function host() {
  region = region || document.getElementById('toasts');
  if (!region) {
    region = document.createElement('div');
    region.id = 'toasts';
    region.className = 'bh-toasts';
    region.setAttribute('role', 'status');
    region.setAttribute('aria-live', 'polite');
    document.body.append(region);
  }
  return region;
}

/** Shows a message for a few seconds; kind is ok, info, warn or error (errors stay longer). */
export function toast(message, kind = 'ok') {
  const item = document.createElement('p');
  item.className = `bh-toast bh-${kind}`;
  item.textContent = message;
  host().append(item);
  setTimeout(() => item.remove(), kind === 'error' ? 12000 : 6000);
  return item;
}
