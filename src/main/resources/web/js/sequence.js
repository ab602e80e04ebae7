import { $, api, el, get, page, showError, clearError, t } from './app.js';

// A rough cut: clips in order (moved with buttons, or dragged), each trimmed by its in and out, exported as a
// cut list for the editing software or as a package with the media.
const id = page.sequence;
let view;

async function load() {
  view = await get(`/api/v1/sequences/${id}`);
  $('#sequence-title').textContent = view.title;
  $('#sequence-sub').textContent = `${view.items.length} · ${view.duration} · ${view.rate}${view.dropFrame ? ' DF' : ''}`;
  $('#sequence-items').replaceChildren(...view.items.map((item, i) => {
    const li = el('li', { class: 'item', draggable: 'true', dataset: { index: i } },
      el('div', {}, el('a', { href: `/assets/${item.asset}` }, item.title || item.fileName),
        el('div', { class: 'muted' }, `${item.sourceIn} – ${item.sourceOut} → ${item.recordIn} – ${item.recordOut}`),
        item.clip ? trim(item, i) : null),
      el('div', { class: 'order' },
        el('button', { type: 'button', class: 'small', disabled: i === 0, 'aria-label': t('collection.up'), onclick: () => move(i, i - 1) }, '↑'),
        el('button', { type: 'button', class: 'small', disabled: i === view.items.length - 1, 'aria-label': t('collection.down'), onclick: () => move(i, i + 1) }, '↓'),
        el('button', { type: 'button', class: 'small', 'aria-label': t('collection.remove'), onclick: () => removeAt(i) }, '×')));
    li.addEventListener('dragstart', (ev) => ev.dataTransfer.setData('text/plain', String(i)));
    li.addEventListener('dragover', (ev) => ev.preventDefault());
    li.addEventListener('drop', (ev) => { ev.preventDefault(); move(Number(ev.dataTransfer.getData('text/plain')), i); });
    return li;
  }));
  updateExport();
}

// Trimming: an item's in and out, in source frames, each nudged a frame at a time or typed.
function trim(item, i) {
  const field = (name, value) => {
    const input = el('input', { type: 'number', min: '0', max: String(item.sourceFrames), step: '1', value: String(value), class: 'frames',
      'aria-label': t('sequence.' + name, { title: item.title || item.fileName }), dataset: { trim: name } });
    input.addEventListener('change', () => {
      const list = items();
      list[i][name] = Number(input.value);
      save(list);
    });
    return input;
  };
  return el('div', { class: 'trim' }, el('span', {}, t('player.in')), ' ', field('in', item.in), ' ', el('span', {}, t('player.out')), ' ', field('out', item.out),
    ' ', el('span', { class: 'muted' }, t('sequence.frames')));
}

function items() {
  return view.items.map((x) => (x.clip ? { clip: x.clip, in: x.in, out: x.out } : { gap: x.gap }));
}

async function save(list) {
  clearError($('#sequence-error'));
  try {
    await api('PATCH', `/api/v1/sequences/${id}`, { items: list });
    await load();
  } catch (e) { showError($('#sequence-error'), e); }
}

function move(from, to) {
  const list = items();
  const [x] = list.splice(from, 1);
  list.splice(to, 0, x);
  save(list);
}

function removeAt(i) {
  const list = items();
  list.splice(i, 1);
  save(list);
}

function updateExport() {
  $('#export-link').href = `/api/v1/sequences/${id}/export?format=${$('#export-format').value}`;
}
$('#export-format').addEventListener('change', updateExport);
$('#sequence-package').addEventListener('click', () => {
  location.href = `/api/v1/sequences/${id}/export?format=${$('#export-format').value}&package=true`;
});

load().catch((e) => showError($('#sequence-error'), e));
