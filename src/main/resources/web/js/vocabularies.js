import { $, $$, api, el, get, showError, clearError, t, toast } from './app.js';

// Controlled vocabularies: terms with their alternative labels, proposed and accepted, merged when two name the
// same person, place, event or subject (the merged term's labels become alternatives of the one kept).
let vocabulary = 'persons';
let terms = [];

async function load() {
  const prefix = $('#vocab-filter').value.trim();
  terms = await get(`/api/v1/vocabularies/${vocabulary}/terms?limit=500${prefix ? '&prefix=' + encodeURIComponent(prefix) : ''}`);
  const live = terms.filter((x) => x.status !== 'MERGED');
  $('#terms').replaceChildren(...terms.map((term) => {
    const alt = el('input', { value: (term.altLabels || []).join('; '), 'aria-label': t('vocab.altLabels') + ': ' + term.label, size: '30' });
    alt.addEventListener('change', () => update(term.id, { label: term.label, altLabels: alt.value.split(';').map((x) => x.trim()).filter(Boolean) }));
    const into = el('select', { 'aria-label': t('vocab.mergeInto') + ': ' + term.label },
      el('option', { value: '' }, t('vocab.mergeInto') + '…'),
      live.filter((x) => x.id !== term.id).map((x) => el('option', { value: x.id }, x.label)));
    return el('li', { dataset: { term: term.id } },
      el('strong', {}, term.label), ' ', el('span', { class: 'badge' }, t('vocab.status.' + term.status)), ' ',
      el('span', { class: 'muted' }, t('vocab.uses', { n: term.assets })), ' ',
      term.status === 'MERGED' ? null : alt,
      term.status === 'PROPOSED' ? el('button', { type: 'button', class: 'small', onclick: () => act(`${term.id}/accept`) }, t('vocab.accept')) : null,
      term.status === 'MERGED' ? null : into,
      term.status === 'MERGED' ? null : el('button', { type: 'button', class: 'small', onclick: () => into.value && act(`${term.id}/merge`, { into: into.value }) }, t('vocab.merge')));
  }));
  if (!terms.length) $('#terms').replaceChildren(el('li', { class: 'muted' }, t('vocab.empty')));
}

async function act(path, body) {
  clearError($('#vocab-error'));
  try {
    await api('POST', `/api/v1/vocabularies/${vocabulary}/terms/${path}`, body);
    await load();
  } catch (e) { showError($('#vocab-error'), e); }
}

async function update(id, body) {
  clearError($('#vocab-error'));
  try {
    await api('PATCH', `/api/v1/vocabularies/${vocabulary}/terms/${id}`, body);
    toast(t('admin.saved'));
  } catch (e) { showError($('#vocab-error'), e); }
}

$('#new-term').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearError($('#vocab-error'));
  const status = ev.submitter?.dataset.status || 'PROPOSED';
  try {
    await api('POST', `/api/v1/vocabularies/${vocabulary}/terms`, { label: $('#nt-label').value.trim(), status,
      altLabels: $('#nt-alt').value.split(';').map((x) => x.trim()).filter(Boolean) });
    ev.target.reset();
    await load();
  } catch (e) { showError($('#vocab-error'), e); }
});

for (const b of $$('[data-vocab]')) {
  b.addEventListener('click', () => {
    vocabulary = b.dataset.vocab;
    $$('[data-vocab]').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
    load().catch((e) => showError($('#vocab-error'), e));
  });
}
let timer;
$('#vocab-filter').addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => load().catch((e) => showError($('#vocab-error'), e)), 250); });
load().catch((e) => showError($('#vocab-error'), e));
