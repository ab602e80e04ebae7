import { $, api, el, followBuild, get, page, showError, clearError, t, thumbnailUrl, toast } from './app.js';

// One collection: its items in order (moved with buttons or the keyboard), a note on each, whether each is
// cleared for use, renditions requested in bulk, and the package built as a job with its progress.
const id = page.collection;
let view;

async function load() {
  view = await get(`/api/v1/collections/${id}`);
  $('#collection-title').textContent = view.title;
  document.title = view.title + ' · avmam';
  $('#collection-sub').textContent = [view.purpose, t('collection.itemCount', { n: view.items.length, cleared: view.cleared }), view.owner].filter(Boolean).join(' · ');
  const editable = view.rights !== 'VIEW';
  $('#items').replaceChildren(...view.items.map((item, i) => {
    const thumb = item.asset && !item.clip ? thumbnailUrl(item.asset, item.mediaType) : null;
    const note = el('input', { value: item.note || '', 'aria-label': t('collection.note'), readonly: !editable, class: 'note' });
    note.addEventListener('change', () => patch(item.id, { note: note.value }));
    return el('li', { class: 'item', dataset: { item: item.id } },
      thumb ? el('img', { src: thumb, alt: '', loading: 'lazy' }) : el('span', { class: 'icon' }, item.clip ? t('collection.clip') : t('media.' + item.mediaType)),
      el('div', {},
        el('a', { href: `/assets/${item.asset}` }, item.title || item.archivalCode || t('collection.untitled')),
        el('div', { class: 'muted' }, [item.archivalCode, item.clip ? t('collection.clip') : null].filter(Boolean).join(' · ')),
        el('span', { class: 'badge ' + (item.clearance.cleared ? 'ok' : 'warn') }, item.clearance.cleared ? t('collection.cleared') : t('collection.notCleared') + ': ' + item.clearance.reasons.join('; ')),
        note),
      editable ? el('div', { class: 'order' },
        el('button', { type: 'button', class: 'small', disabled: i === 0, 'aria-label': t('collection.up'), onclick: () => patch(item.id, { position: i }) }, '↑'),
        el('button', { type: 'button', class: 'small', disabled: i === view.items.length - 1, 'aria-label': t('collection.down'), onclick: () => patch(item.id, { position: i + 2 }) }, '↓'),
        el('button', { type: 'button', class: 'small', 'aria-label': t('collection.remove'), onclick: () => remove(item.id) }, '×')) : null);
  }));
  if (!view.items.length) $('#items').replaceChildren(el('li', { class: 'muted' }, t('collection.noItems')));
}

async function patch(item, body) {
  try {
    await api('PATCH', `/api/v1/collections/${id}/items/${item}`, body);
    await load();
  } catch (e) { showError($('#collection-error'), e); }
}

async function remove(item) {
  try {
    await api('DELETE', `/api/v1/collections/${id}/items/${item}`);
    await load();
  } catch (e) { showError($('#collection-error'), e); }
}

// The package: POST starts the job; GET answers 202 with progress until the zip is ready.
$('#build-package').addEventListener('click', async () => {
  clearError($('#collection-error'));
  try {
    await api('POST', `/api/v1/collections/${id}/package`, { content: 'originals' });
  } catch (e) {
    showError($('#collection-error'), e);
    return;
  }
  follow();
});

async function follow(quiet404 = false) {
  const bar = $('#package-progress');
  bar.hidden = false;
  $('#download-package').hidden = true;
  try {
    const url = await followBuild(`/api/v1/collections/${id}/package`, (p) => {
      bar.value = p;
      $('#package-status').textContent = t('package.building', { percent: Math.round(100 * p) });
    });
    $('#package-status').textContent = t('package.ready');
    $('#download-package').href = url;
    $('#download-package').hidden = false;
  } catch (e) {
    bar.hidden = true;
    $('#package-status').textContent = '';
    if (!(quiet404 && e.status === 404)) showError($('#collection-error'), e);
  }
}

$('#request-renditions').addEventListener('click', async () => {
  try {
    const r = await api('POST', `/api/v1/collections/${id}/renditions`, { profile: $('#rendition-profile').value });
    toast(t('collection.renditionsRequested', { n: r.queued, skipped: Object.keys(r.skipped || {}).length }));
  } catch (e) { showError($('#collection-error'), e); }
});

$('#share-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    await api('POST', `/api/v1/collections/${id}/shares`, { user: $('#share-user').value.trim(), rights: $('#share-rights').value });
    toast(t('collection.shared'));
  } catch (e) { showError($('#collection-error'), e); }
});

load().then(() => follow(true)).catch((e) => showError($('#collection-error'), e));
