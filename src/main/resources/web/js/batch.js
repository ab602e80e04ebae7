import { stepText, $, bytes, el, page, t } from './app.js';

// One batch: its context, its totals and every file's state, live until the batch is done.
const dl = $('#batch-context');
const source = new EventSource(`/api/v1/batches/${page.batch}/events`);
source.onmessage = (ev) => {
  const view = JSON.parse(ev.data);
  render(view);
  if (view.totals.done && view.totals.files > 0) source.close();
};

function render(b) {
  $('#batch-name').textContent = b.name;
  const facts = [['batch.kind', t('batch.kind.' + b.kind)], ['batch.event', b.event], ['batch.eventDate', b.eventDate], ['batch.place', b.place],
    ['batch.photographer', b.photographer], ['batch.fonds', b.fonds], ['batch.language', b.language]].filter(([, v]) => v);
  dl.replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, t(k)), el('dd', {}, v)]));
  const tt = b.totals;
  $('#batch-totals').textContent = t('upload.summary', { files: tt.files, ready: tt.byState.READY || 0, failed: tt.byState.FAILED || 0, duplicates: tt.duplicates })
    + ' · ' + bytes(tt.bytes);
  $('#batch-files').replaceChildren(...b.files.map((f) => el('tr', { dataset: { state: f.state } },
    el('td', {}, el('a', { href: `/assets/${f.id}` }, f.originalFilename)),
    el('td', {}, t('state.' + f.state), f.step ? ' · ' + stepText(f.step) : '', f.failureReason ? el('div', { class: 'error' }, f.failureReason) : null),
    el('td', {}, el('progress', { max: '1', value: f.state === 'READY' ? '1' : String(f.progress || 0) })),
    el('td', {}, f.duplicateOf ? el('a', { href: `/assets/${f.duplicateOf}`, class: 'badge' }, t('upload.duplicateOf')) : null))));
}
