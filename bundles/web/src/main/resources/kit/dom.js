// Small DOM helpers shared by every page: elements, status lines, status badges, copy buttons, addresses, times.
import { toast } from '/kit/toast.js';

/** el('a', {href: '/x', class: 'y', onclick: fn}, 'text', childNode) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'class') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Sets a status line (an element with role=status or alert) to a sentence of a kind: ok, error, warn, info; hides it when empty. */
export function say(element, text, kind) {
  element.textContent = text;
  element.classList.remove('bh-ok', 'bh-error', 'bh-warn', 'bh-info');
  if (kind) {
    element.classList.add('bh-' + kind);
  }
  element.hidden = !text;
}

const KINDS = {
  active: 'ok', ok: 'ok', done: 'ok', ready: 'ok', running: 'ok',
  provisioning: 'info', received: 'info', vm_created: 'info', credentials_encrypted: 'info', nft_minted: 'info',
  owner_set: 'info', 'in progress': 'info', held: 'info', inactive: 'warn',
  suspended: 'warn', parked: 'warn', lagging: 'warn', refused: 'warn',
  destroyed: 'error', failed: 'error', error: 'error', unknown: 'warn',
};
const ICONS = { ok: '✓', info: '•', warn: '!', error: '✕' };

/** A status badge: colour plus an icon plus the word, never colour alone. */
export function badge(state, kind) {
  const k = kind || KINDS[String(state).toLowerCase()] || 'info';
  return el('span', { class: `bh-badge bh-badge-${k}` }, el('span', { 'aria-hidden': 'true' }, ICONS[k] + ' '),
    String(state).replace(/_/g, ' '));
}

/** A button copying a value to the clipboard; label names what is copied, for screen readers. */
export function copyButton(value, label) {
  return el('button', {
    type: 'button', class: 'bh-copy', 'aria-label': `Copy ${label}`, title: `Copy ${label}`,
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(value);
        toast(`Copied ${label}.`);
      } catch (e) {
        toast(`Could not copy: select the ${label} and copy it by hand.`, 'error');
      }
    },
  }, 'Copy');
}

/** An address shortened 0x1234…abcd, the full value on hover and focus, with a copy button. */
export function address(value, label = 'address') {
  if (!value) return el('span', {}, '—');
  const text = value.length > 14 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
  return el('span', { class: 'bh-address' }, el('span', { class: 'bh-mono', title: value, tabindex: '0' }, text),
    copyButton(value, label));
}

function words(ms) {
  const s = Math.round(Math.abs(ms) / 1000);
  const units = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
  for (const [size, name] of units) {
    if (s >= size) {
      const n = Math.floor(s / size);
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return 'a moment';
}

/** Relative and absolute time: "in 3 days — 2026-12-08 14:00 UTC". */
export function when(iso, now = Date.now()) {
  if (!iso) return '—';
  const t = new Date(iso);
  const diff = t.getTime() - now;
  const rel = Math.abs(diff) < 1000 ? 'now' : diff > 0 ? `in ${words(diff)}` : `${words(diff)} ago`;
  return `${rel} — ${t.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
