// Keeps /setup/finalization live: polls the JSON status every second and updates each step's
// state, duration and message, the progress bar and its phase line. When setup completes (or the
// setup surface closes, which it does right after) it shows the "done" section. When a run it
// watched stops without completing, it reloads once so that the retry form appears.
const table = document.getElementById('fin-steps');
const work = document.getElementById('fin-work');
const done = document.getElementById('done');
const phase = document.getElementById('fin-phase');
const progress = document.getElementById('fin-progress');
const BADGE = { done: 'bh-ok', failed: 'bh-error', running: 'bh-info', pending: 'bh-pending' };
let sawRunning = table && table.dataset.running === 'true';

function took(ms) {
  if (ms === null || ms === undefined) return '';
  if (ms < 10000) return (ms / 1000).toFixed(1) + ' s';
  const s = Math.floor(ms / 1000);
  return s < 60 ? s + ' s' : Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
}

// What a step doing long work published under a key ending in ".progress" (as FinalizationPage.progress).
function longWork(published) {
  return Object.keys(published).filter((k) => k.endsWith('.progress'))
    .map((k) => String(published[k]).trim()).filter((t) => t && t !== 'done').sort().join('; ');
}

function showDone() {
  if (work) work.hidden = true;
  if (done) { done.hidden = false; done.querySelector('h2')?.focus?.(); }
}

function update(status) {
  let finished = 0;
  let current = status.running ? 'starting' : 'not started';
  let failed = null;
  for (const step of status.steps) {
    if (step.state === 'done') finished++;
    if (step.state === 'running') current = step.label;
    if (step.state === 'failed' && failed === null) failed = step.label;
    const row = table.querySelector('tr[data-step="' + CSS.escape(step.id) + '"]');
    if (!row) continue;
    const badge = row.querySelector('.fin-state span');
    badge.textContent = step.state;
    badge.className = 'bh-badge ' + (BADGE[step.state] || '');
    row.querySelector('.fin-duration').textContent = took(step.durationMs);
    row.querySelector('.fin-error').textContent = step.error || '';
  }
  if (!status.running && failed !== null) current = 'stopped at: ' + failed;
  const note = longWork(status.published || {});
  if (status.running && note) current += ' (' + note + ')';
  progress.max = Math.max(1, status.steps.length);
  progress.value = finished;
  progress.textContent = finished + ' of ' + status.steps.length;
  phase.textContent = finished + ' of ' + status.steps.length + ' steps done - ' + current;
}

async function poll() {
  try {
    const response = await fetch(table.dataset.api, { credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 404) { showDone(); return; }
    if (response.ok) {
      const status = await response.json();
      update(status);
      if (status.complete) { showDone(); return; }
      if (status.running) sawRunning = true;
      else if (sawRunning) { location.reload(); return; }
    }
  } catch (e) {
    // the server restarts or the network drops: keep trying
  }
  setTimeout(poll, 1000);
}

if (table && !(done && !done.hidden)) poll();
