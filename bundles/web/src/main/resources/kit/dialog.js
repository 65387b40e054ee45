// Confirmation dialogs on <dialog>: say exactly what happens; a destructive action can demand that
// the user types a word (the VM's name) before the confirm button works.
import { el } from '/kit/dom.js';

let counter = 0;

/**
 * confirmAction({title, lines: [...], confirmLabel, danger, typed}) resolves true when confirmed.
 * typed: the exact text the user must type to enable the confirm button.
 */
export function confirmAction({ title, lines = [], confirmLabel = 'Confirm', danger = false, typed = null }) {
  return new Promise((resolve) => {
    const id = `bh-dialog-${++counter}`;
    const confirm = el('button', { type: 'submit', value: 'confirm', class: danger ? 'bh-button bh-danger' : 'bh-button bh-primary',
      disabled: typed !== null }, confirmLabel);
    const cancel = el('button', { type: 'submit', value: 'cancel', class: 'bh-button', formnovalidate: true }, 'Cancel');
    let field = null;
    if (typed !== null) {
      const input = el('input', { id: `${id}-typed`, name: 'typed', autocomplete: 'off', spellcheck: 'false',
        class: 'bh-mono', 'aria-describedby': `${id}-hint` });
      input.addEventListener('input', () => { confirm.disabled = input.value !== typed; });
      field = el('div', { class: 'bh-form' },
        el('label', { for: `${id}-typed` }, 'Type ', el('code', {}, typed), ' to confirm'),
        el('p', { id: `${id}-hint`, class: 'bh-hint' }, 'The button stays off until the text matches exactly.'), input);
    }
    const dialog = el('dialog', { class: 'bh-dialog', 'aria-labelledby': `${id}-title` },
      el('form', { method: 'dialog' }, el('h2', { id: `${id}-title` }, title), lines.map((l) => el('p', {}, l)), field,
        el('div', { class: 'bh-actions' }, cancel, confirm)));
    dialog.addEventListener('close', () => {
      const ok = dialog.returnValue === 'confirm' && (typed === null || dialog.querySelector('input').value === typed);
      dialog.remove();
      resolve(ok);
    });
    document.body.append(dialog);
    dialog.showModal();
    (field ? dialog.querySelector('input') : cancel).focus();
  });
}
