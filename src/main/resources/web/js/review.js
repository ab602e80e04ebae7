import { $, $$, REVIEW_REASONS, api, el, get, showError, clearError, t, toast } from './app.js';

// The open review queue: records due for review and records not yet reviewed, decided one by one (from the
// record's page) or many at once with a reason; decisions awaiting a second reviewer are listed for approval.
$('#rb-reason').replaceChildren(...REVIEW_REASONS.map((r) => el('option', { value: r }, t('reason.' + r))));

async function load() {
  const [due, unreviewed] = await Promise.all([
    get('/api/v1/review/due?size=200'),
    get('/api/v1/search?openStatus=UNREVIEWED&size=100&sort=date&order=asc'),
  ]);
  const seen = new Set();
  const rows = [];
  for (const d of due) {
    seen.add(d.id);
    rows.push(row(d.id, d.title, d.archivalCode, d.openStatus, d.dueOn));
  }
  for (const h of unreviewed.hits) {
    if (!seen.has(h.id)) rows.push(row(h.id, h.title || h.originalFilename, h.archivalCode, h.openStatus || 'UNREVIEWED', null));
  }
  $('#review-rows').replaceChildren(...rows);
  if (!rows.length) $('#review-rows').replaceChildren(el('tr', {}, el('td', { colspan: '5', class: 'muted' }, t('review.nothing'))));
  const pending = await get('/api/v1/review/decisions?state=PENDING').catch(() => []);
  $('#review-decisions').replaceChildren(...pending.map((d) => el('li', {},
    el('a', { href: `/assets/${d.asset}` }, d.asset), ' → ', t('status.' + d.decision), ` (${t('reason.' + d.reason)}, ${d.decidedBy}) `,
    el('button', { type: 'button', class: 'small', onclick: () => act(d.id, 'approve') }, t('review.approve')),
    el('button', { type: 'button', class: 'small', onclick: () => act(d.id, 'reject') }, t('review.reject')))));
  if (!pending.length) $('#review-decisions').replaceChildren(el('li', { class: 'muted' }, t('review.noPending')));
}

function row(id, title, code, status, dueOn) {
  return el('tr', { dataset: { asset: id } },
    el('td', {}, el('input', { type: 'checkbox', class: 'pick', value: id, 'aria-label': t('selection.select', { title: title || id }) })),
    el('td', {}, el('a', { href: `/assets/${id}` }, title || id)),
    el('td', {}, code || ''),
    el('td', {}, t('status.' + status)),
    el('td', {}, dueOn || ''));
}

async function act(decision, action) {
  try {
    await api('POST', `/api/v1/review/decisions/${decision}/${action}`);
    await load();
  } catch (e) { showError($('#review-error'), e); }
}

$('#review-all').addEventListener('change', (ev) => $$('.pick').forEach((c) => { c.checked = ev.target.checked; }));
$('#review-bulk').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearError($('#review-error'));
  const assets = $$('.pick:checked').map((c) => c.value);
  if (!assets.length) return showError($('#review-error'), new Error(t('review.pickRecords')));
  const body = { assets, decision: $('#rb-status').value, reason: $('#rb-reason').value };
  if ($('#rb-date').value) body.reReviewOn = $('#rb-date').value;
  try {
    const decided = await api('POST', '/api/v1/review/decisions', body);
    toast(t('review.decidedMany', { n: decided.length }));
    await load();
  } catch (e) { showError($('#review-error'), e); }
});

load().catch((e) => showError($('#review-error'), e));
