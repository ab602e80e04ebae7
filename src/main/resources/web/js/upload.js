import { stepText, $, api, bytes, can, date, el, get, loadScript, page, showError, clearError, t, toast } from './app.js';

// Uploading a shoot: the batch (its context, given once), then any number of files or a folder, sent with
// tus so an interrupted upload resumes, a few at a time, each with its own progress. Processing then arrives
// live over one server-sent event stream for the whole batch.
const CONCURRENCY = 3;
const TUS = '/static/vendor/tus-js-client-4.3.1/tus.min.js';
let batch = null;
let events = null;
const queue = [];
let active = 0;
const rows = new Map(); // key → row state
const byAsset = new Map(); // asset id → row state

const form = $('#batch-form');
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  await createBatch();
});

async function createBatch() {
  clearError($('#batch-error'));
  const values = Object.fromEntries([...new FormData(form)].filter(([, v]) => String(v).trim() !== ''));
  if (!values.name) values.name = t('upload.defaultName', { date: new Date().toLocaleDateString(page.language) });
  try {
    batch = await api('POST', '/api/v1/batches', values);
  } catch (e) {
    showError($('#batch-error'), e);
    return null;
  }
  $('#batch-current').hidden = false;
  $('#batch-current').replaceChildren(t('upload.batchOpen'), ' ', el('a', { href: `/batches/${batch.id}` }, batch.name));
  for (const input of form.elements) input.disabled = true;
  $('#batch-another').hidden = false;
  listen();
  myBatches();
  return batch;
}

function listen() {
  if (events) events.close();
  events = new EventSource(`/api/v1/batches/${batch.id}/events`);
  events.onmessage = (ev) => update(JSON.parse(ev.data));
  $('#upload-summary').dataset.live = 'true';
}

// The server ends the stream once every file of the batch is done; left open, the browser would reconnect every few
// seconds for as long as the page stays open. A file sent later, or a retry, listens again.
function stopListening() {
  if (events) events.close();
  events = null;
  $('#upload-summary').dataset.live = 'false';
}

function update(view) {
  const tt = view.totals;
  $('#upload-summary').textContent = t('upload.summary', { files: tt.files, ready: tt.byState.READY || 0, failed: tt.byState.FAILED || 0, duplicates: tt.duplicates });
  for (const f of view.files) {
    const row = byAsset.get(f.id);
    if (row) processing(row, f);
  }
  if (tt.done && tt.files > 0 && active === 0 && queue.length === 0) stopListening();
}

function processing(row, f) {
  let text = t('state.' + f.state);
  if (f.step) text += ' · ' + stepText(f.step);
  if (f.duplicateOf) text += ' · ' + t('upload.duplicate');
  row.status.replaceChildren(el('a', { href: `/assets/${f.id}` }, text));
  row.tr.dataset.state = f.state;
  if (f.progress !== undefined && f.progress !== null && f.state === 'PROCESSING') row.bar.value = f.progress;
  if (f.state === 'READY') row.bar.value = 1;
  if (f.duplicateOf) row.status.append(' ', el('a', { href: `/assets/${f.duplicateOf}`, class: 'badge' }, t('upload.duplicateOf')));
  if (f.state === 'FAILED') {
    row.status.append(el('div', { class: 'error' }, (f.failedStep ? stepText(f.failedStep) + ': ' : '') + (f.failureReason || '')));
    if (can('OPERATE') && !row.retry.dataset.asset) {
      row.retry.dataset.asset = f.id;
      row.retry.hidden = false;
      row.retry.textContent = t('upload.retry');
      row.retry.onclick = () => retryProcessing(row, f.id);
    }
  }
}

async function retryProcessing(row, assetId) {
  try {
    const jobs = await get(`/api/v1/jobs?assetId=${assetId}&state=FAILED`);
    for (const j of jobs) await api('POST', `/api/v1/jobs/${j.id}/retry`);
    row.retry.hidden = true;
    delete row.retry.dataset.asset;
    listen();
  } catch (e) { showError(null, e); }
}

async function add(files) {
  if (!files.length) return;
  if (!batch && !(await createBatch())) return;
  await loadScript(TUS);
  for (const file of files) {
    const key = file.webkitRelativePath || file.relativePath || file.name;
    const bar = el('progress', { max: '1', value: '0', 'aria-label': t('upload.progressOf', { file: key }) });
    const status = el('span', {}, t('upload.queued'));
    const retry = el('button', { type: 'button', class: 'small', hidden: true }, t('upload.retry'));
    const tr = el('tr', { dataset: { file: key } }, el('td', {}, key, el('div', { class: 'muted' }, bytes(file.size))), el('td', {}, bar), el('td', { class: 'status' }, status), el('td', {}, retry));
    $('#upload-rows').append(tr);
    const row = { key, file, bar, status, retry, tr };
    rows.set(key + ':' + rows.size, row);
    queue.push(row);
  }
  pump();
}

function pump() {
  while (active < CONCURRENCY && queue.length) {
    const row = queue.shift();
    active++;
    send(row).finally(() => { active--; pump(); });
  }
}

function send(row) {
  return new Promise((resolve) => {
    row.status.textContent = t('upload.sending');
    row.tr.dataset.state = 'SENDING';
    const upload = new window.tus.Upload(row.file, {
      endpoint: '/api/v1/uploads',
      chunkSize: 32 * 1024 * 1024,
      // A photo goes with its creation request: one request and one round trip, not two.
      uploadDataDuringCreation: true,
      retryDelays: [0, 1000, 3000, 5000, 10000],
      metadata: { filename: row.file.name, batch: batch.id, filetype: row.file.type || 'application/octet-stream' },
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => { row.bar.value = total ? sent / total : 0; },
      onAfterResponse: (req, res) => {
        const location = res.getHeader('Asset-Location');
        if (location) row.asset = location.split('/').pop();
      },
      onError: (error) => {
        let detail = error.message;
        try { detail = JSON.parse(error.originalResponse.getBody()).detail || detail; } catch (e) { /* not a problem document */ }
        row.status.textContent = t('upload.failed') + ': ' + detail;
        row.tr.dataset.state = 'UPLOAD_FAILED';
        row.retry.hidden = false;
        row.retry.onclick = () => { row.retry.hidden = true; queue.push(row); pump(); };
        resolve();
      },
      onSuccess: () => {
        row.status.textContent = t('upload.received');
        row.tr.dataset.state = 'RECEIVED';
        if (row.asset) byAsset.set(row.asset, row);
        if (!events) listen();
        resolve();
      },
    });
    upload.findPreviousUploads().then((previous) => {
      if (previous.length) upload.resumeFromPreviousUpload(previous[0]);
      upload.start();
    });
  });
}

// Another shoot: the form again, its context kept to edit; files added from now on go into the new batch.
$('#batch-another').addEventListener('click', () => {
  if (events) events.close();
  events = null;
  batch = null;
  for (const input of form.elements) input.disabled = false;
  $('#batch-current').hidden = true;
  $('#batch-another').hidden = true;
  $('#b-name').select();
});

// Files chosen, a folder chosen, or either dropped (folders are walked).
$('#files').addEventListener('change', (ev) => { add([...ev.target.files]); ev.target.value = ''; });
$('#folder').addEventListener('change', (ev) => { add([...ev.target.files]); ev.target.value = ''; });
const zone = $('#dropzone');
zone.addEventListener('dragover', (ev) => { ev.preventDefault(); zone.classList.add('over'); });
zone.addEventListener('dragleave', () => zone.classList.remove('over'));
zone.addEventListener('drop', async (ev) => {
  ev.preventDefault();
  zone.classList.remove('over');
  const entries = [...ev.dataTransfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
  if (!entries.length) return add([...ev.dataTransfer.files]);
  const files = [];
  for (const entry of entries) await walk(entry, '', files);
  add(files);
});
zone.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); $('#files').click(); } });

async function walk(entry, prefix, out) {
  if (entry.isFile) {
    const file = await new Promise((res, rej) => entry.file(res, rej));
    file.relativePath = prefix + file.name;
    out.push(file);
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    let batchOf;
    do {
      batchOf = await new Promise((res, rej) => reader.readEntries(res, rej));
      for (const e of batchOf) await walk(e, prefix + entry.name + '/', out);
    } while (batchOf.length);
  }
}

async function myBatches() {
  try {
    const list = await get('/api/v1/batches');
    $('#my-batches').replaceChildren(...list.map((b) => el('tr', {},
      el('td', {}, el('a', { href: `/batches/${b.id}` }, b.name), b.event ? el('div', { class: 'muted' }, b.event) : null),
      el('td', {}, date(b.createdAt)),
      el('td', {}, `${b.totals.files} · ${bytes(b.totals.bytes)}`),
      el('td', {}, t('upload.totals', { ready: b.totals.byState.READY || 0, failed: b.totals.byState.FAILED || 0, duplicates: b.totals.duplicates })))));
  } catch (e) { showError(null, e); }
}

myBatches();
