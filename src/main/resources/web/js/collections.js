import { $, api, date, el, get, showError, clearError, t } from './app.js';

// Collections (pull lists): the user's own and those shared with them; a new one in a line.
async function list() {
  const all = await get('/api/v1/collections');
  $('#collection-list').replaceChildren(...all.map((c) => el('li', { class: 'card' },
    el('a', { href: `/collections/${c.id}`, class: 'title' }, c.title),
    el('div', { class: 'muted' }, [c.purpose, t('collection.itemCount', { n: c.items.length, cleared: c.cleared }), c.owner, date(c.updatedAt)].filter(Boolean).join(' · ')))));
  if (!all.length) $('#collection-list').replaceChildren(el('li', { class: 'muted' }, t('collection.empty')));
}

$('#new-collection').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearError($('#nc-error'));
  const body = { title: $('#nc-title').value.trim() };
  if ($('#nc-purpose').value.trim()) body.purpose = $('#nc-purpose').value.trim();
  try {
    const c = await api('POST', '/api/v1/collections', body);
    location.href = `/collections/${c.id}`;
  } catch (e) { showError($('#nc-error'), e); }
});

list().catch((e) => showError($('#nc-error'), e));
