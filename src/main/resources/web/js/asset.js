import { $, REVIEW_REASONS, api, applyPermissions, followBuild, loadScript, bytes, can, date, el, fillCollections, get, page, showError, clearError, t, toast } from './app.js';
import { Player, timecode } from './player.js';
import { TranscriptPanel } from './transcript.js';
import { descriptionForm } from './description.js';

const id = page.asset;
let asset;
let player;

async function load() {
  asset = await get(`/api/v1/assets/${id}`);
  $('#asset-title').textContent = asset.title || asset.originalFilename || asset.id;
  document.title = $('#asset-title').textContent + ' · avmam';
  $('#asset-sub').textContent = [t('media.' + asset.mediaType), asset.originalFilename, bytes(asset.sizeBytes), asset.archivalCode].filter(Boolean).join(' · ');
  const badges = [el('span', { class: 'badge state-' + asset.state }, t('state.' + asset.state))];
  if (asset.openStatus) badges.push(el('span', { class: 'badge status-' + asset.openStatus }, t('status.' + asset.openStatus)));
  if (asset.duplicateOf) badges.push(el('a', { class: 'badge', href: `/assets/${asset.duplicateOf}` }, t('upload.duplicate')));
  for (const w of asset.warnings || []) badges.push(el('span', { class: 'badge warn', title: w }, '⚠ ' + w));
  if (asset.failureReason) badges.push(el('span', { class: 'badge bad' }, asset.failureReason));
  $('#asset-status').replaceChildren(...badges);
  return asset;
}

function rendition(profile) {
  return (asset.renditions || []).find((r) => r.profile === profile && r.state === 'READY' && r.current !== false);
}

function showPhoto() {
  const preview = rendition('image-preview') || rendition('image-thumbnail');
  if (!preview) return;
  $('#photo').hidden = false;
  $('#photo-img').src = `/api/v1/assets/${id}/renditions/${preview.profile}`;
  $('#photo-img').alt = asset.title || asset.originalFilename || '';
  $('#zoom').addEventListener('click', () => {
    $('#zoom-img').src = $('#photo-img').src;
    $('#zoom-dialog').showModal();
  });
  $('#zoom-img').addEventListener('click', (ev) => ev.target.classList.toggle('full'));
}

function frameRate() {
  const video = (asset.technical?.streams || []).find((s) => s.type === 'video');
  const rate = video?.frameRate || video?.baseFrameRate;
  if (rate && rate.includes('/')) {
    const [n, d] = rate.split('/').map(Number);
    if (n > 0 && d > 0) return n / d;
  }
  return Number(rate) > 0 ? Number(rate) : 25;
}

function findTimecode(node) {
  if (!node || typeof node !== 'object') return null;
  if (typeof node.timecode === 'string') return node.timecode;
  for (const v of Object.values(node)) {
    const found = findTimecode(v);
    if (found) return found;
  }
  return null;
}

async function showPlayer() {
  const isVideo = asset.mediaType === 'VIDEO';
  const media = isVideo ? $('#player') : $('#audio-player');
  media.hidden = false;
  $('#player-box').hidden = false;
  const hls = rendition('video-hls');
  const proxy = isVideo ? (rendition('video-proxy-720p') || rendition('video-edit-proxy')) : rendition('audio-proxy');
  if (hls && !media.canPlayType('application/vnd.apple.mpegurl') && !proxy) {
    await loadScript('/webjars/hls.js/1.4.12/dist/hls.min.js');
    const h = new window.Hls();
    h.loadSource(`/api/v1/assets/${id}/renditions/video-hls`);
    h.attachMedia(media);
  } else if (proxy) {
    media.src = `/api/v1/assets/${id}/renditions/${proxy.profile}`;
  }
  if (isVideo && rendition('video-poster')) media.poster = `/api/v1/assets/${id}/renditions/video-poster`;
  if (asset.captionsUrl) {
    media.append(el('track', { kind: 'captions', src: asset.captionsUrl, srclang: asset.language || 'en', label: t('player.captions'), default: true }));
  }
  const fps = frameRate();
  player = new Player(media, {
    fps,
    startTimecode: findTimecode(asset.technical),
    onMarks: (i, o) => {
      $('#mark-in').textContent = i === null ? '–' : timecode(i, fps);
      $('#mark-out').textContent = o === null ? '–' : timecode(o, fps);
    },
    onTime: (time) => {
      $('#tc-current').textContent = timecode(time, fps);
      $('#tc-source').textContent = player.sourceTimecode(time) || '–';
      const d = media.duration;
      if (d > 0) $('#playhead').style.left = (100 * time / d) + '%';
    },
  });
  document.addEventListener('keydown', (ev) => player.handleKey(ev));
  scrubber(media);
  if (location.hash.startsWith('#t=')) {
    const start = Number(location.hash.slice(3));
    if (start >= 0) media.addEventListener('loadedmetadata', () => { media.currentTime = start; }, { once: true });
  }
  $('#clip-form').addEventListener('submit', createClip);
  await transcript(media);
  await clips();
}

const PEAKS = '/static/vendor/peaks.js-4.0.0/peaks.min.js';

// The filmstrip under the player: hovering shows the frame at that point, clicking goes there. The sound is drawn
// below it by peaks.js from the waveform rendition's peaks; where that cannot be (no peaks file, the script fails),
// the rendition's PNG sits in the strip instead.
async function scrubber(media) {
  const strip = $('#scrub');
  const wave = rendition('audio-waveform');
  const files = (wave && wave.files) || [];
  const png = files.find((f) => f.endsWith('.png'));
  const json = files.find((f) => f.endsWith('.json'));
  const showPng = () => {
    if (!png) return;
    $('#waveform').src = png;
    $('#waveform').hidden = false;
  };
  if (json) {
    waveform(media, json).catch(showPng);
  } else {
    showPng();
  }
  let cues = [];
  const film = rendition('video-filmstrip');
  const vttFile = film && (film.files || []).find((f) => f.endsWith('.vtt'));
  if (vttFile) {
    try {
      cues = parseVtt(await get(vttFile));
    } catch (e) { cues = []; }
  }
  const tile = $('#scrub-tile');
  strip.addEventListener('mousemove', (ev) => {
    if (!cues.length || !(media.duration > 0)) return;
    const x = (ev.clientX - strip.getBoundingClientRect().left) / strip.clientWidth;
    const time = x * media.duration;
    const cue = cues.find((c) => time >= c.start && time < c.end) || cues[cues.length - 1];
    const [file, xywh] = cue.ref.split('#xywh=');
    const [cx, cy, w, h] = xywh.split(',').map(Number);
    tile.hidden = false;
    tile.style.backgroundImage = `url("${new URL(file, `${location.origin}/api/v1/assets/${id}/renditions/video-filmstrip/`).href}")`;
    tile.style.backgroundPosition = `-${cx}px -${cy}px`;
    tile.style.width = w + 'px';
    tile.style.height = h + 'px';
    tile.style.left = Math.min(strip.clientWidth - w, Math.max(0, x * strip.clientWidth - w / 2)) + 'px';
  });
  strip.addEventListener('mouseleave', () => { tile.hidden = true; });
  strip.addEventListener('click', (ev) => {
    if (!(media.duration > 0)) return;
    media.currentTime = (ev.clientX - strip.getBoundingClientRect().left) / strip.clientWidth * media.duration;
  });
}

// peaks.js (LGPL-3.0, vendored unmodified as its own file) over the same media element the keys and the transcript drive.
async function waveform(media, json) {
  await loadScript(PEAKS);
  const box = $('#peaks');
  box.hidden = false;
  await new Promise((resolve, reject) => {
    window.peaks.init({
      zoomview: { container: $('#peaks-zoom'), waveformColor: '#5b7a99', playedWaveformColor: '#1f4e79', playheadColor: '#b42318' },
      overview: { container: $('#peaks-overview'), waveformColor: '#9fb3c8', playedWaveformColor: '#5b7a99', playheadColor: '#b42318' },
      mediaElement: media,
      dataUri: { json },
      keyboard: false,
    }, (err, instance) => {
      if (err) {
        box.hidden = true;
        reject(err);
      } else {
        box.dataset.ready = 'true';
        resolve(instance);
      }
    });
  });
}

function parseVtt(text) {
  const cues = [];
  const toSec = (s) => s.split(':').reduce((a, v) => a * 60 + Number(v), 0);
  const lines = String(text).split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\d:.]+)\s+-->\s+([\d:.]+)/.exec(lines[i]);
    if (m && lines[i + 1]) cues.push({ start: toSec(m[1]), end: toSec(m[2]), ref: lines[i + 1].trim() });
  }
  return cues;
}

async function transcript(media) {
  let tr;
  try {
    tr = await get(`/api/v1/assets/${id}/transcript`);
  } catch (e) {
    return; // none yet, or not for this record
  }
  $('#transcript-panel').hidden = false;
  const panel = new TranscriptPanel($('#transcript'), media, id, { editable: can('DESCRIBE'), follow: () => $('#follow').checked });
  panel.render(tr);
}

async function createClip(ev) {
  ev.preventDefault();
  clearError($('#clip-error'));
  if (player.markIn === null || player.markOut === null) {
    showError($('#clip-error'), new Error(t('clip.needMarks')));
    return;
  }
  try {
    await api('POST', `/api/v1/assets/${id}/clips`, { title: $('#clip-title').value.trim() || t('clip.untitled'), in: player.markIn, out: player.markOut });
    toast(t('clip.created'));
    $('#clip-title').value = '';
    await clips();
  } catch (e) { showError($('#clip-error'), e); }
}

async function clips() {
  const list = await get(`/api/v1/assets/${id}/clips`);
  $('#clips-panel').hidden = false;
  const rows = list.map((c) => el('li', { class: 'clip', dataset: { clip: c.id } },
    el('label', { class: 'check' }, el('input', { type: 'checkbox', class: 'clip-pick', value: c.id }), ' ', c.title),
    el('span', { class: 'muted' }, ` ${c.in.timecode} – ${c.out.timecode} (${c.durationSeconds.toFixed(2)} s) `),
    el('button', { type: 'button', class: 'link', onclick: () => { player.media.currentTime = c.in.seconds; } }, t('clip.play')),
    can('COLLECT') ? el('button', { type: 'button', class: 'link clip-collect', onclick: () => addToCollection({ clip: c.id }) }, t('collection.addClip')) : null,
    can('EXPORT') ? exportControls(c) : null));
  const make = can('CLIP') && list.length ? el('button', { type: 'button', id: 'new-sequence', onclick: newSequence }, t('sequence.fromSelected')) : null;
  $('#clips').replaceChildren(...rows, ...(make ? [el('li', {}, make)] : []));
}

// A clip exported from the original (clip-master, clip-edit-prores, clip-h264) as a job with its progress.
function exportControls(c) {
  const profile = el('select', { 'aria-label': t('clip.exportProfile') }, ['clip-h264', 'clip-master', 'clip-edit-prores'].map((p) => el('option', { value: p }, p)));
  const bar = el('progress', { max: '1', value: '0', hidden: true, 'aria-label': t('clip.exportProgress') });
  const link = el('a', { class: 'button small', hidden: true, download: '' }, t('common.download'));
  const status = el('span', { class: 'muted', 'aria-live': 'polite' });
  const go = el('button', { type: 'button', class: 'small clip-export', onclick: async () => {
    link.hidden = true;
    bar.hidden = false;
    try {
      await api('POST', `/api/v1/clips/${c.id}/export`, { profile: profile.value });
      const url = await followBuild(`/api/v1/clips/${c.id}/export?profile=${profile.value}`, (p) => {
        bar.value = p;
        status.textContent = Math.round(100 * p) + '%';
      });
      status.textContent = t('clip.exported');
      link.href = url;
      link.hidden = false;
    } catch (e) {
      status.textContent = '';
      showError(null, e);
    } finally { bar.hidden = true; }
  } }, t('clip.export'));
  return el('span', { class: 'export' }, ' ', profile, ' ', go, ' ', bar, ' ', status, ' ', link);
}

async function newSequence() {
  const ids = [...document.querySelectorAll('.clip-pick:checked')].map((c) => c.value);
  if (!ids.length) return toast(t('sequence.pickClips'), true);
  try {
    const s = await api('POST', '/api/v1/sequences', { title: asset.title || asset.originalFilename, clips: ids });
    location.href = `/sequences/${s.id}`;
  } catch (e) { showError(null, e); }
}

async function addToCollection(item) {
  const target = $('#collect-target').value;
  if (!target) return toast(t('collection.none'), true);
  try {
    await api('POST', `/api/v1/collections/${target}/items`, item);
    toast(t('collection.added'));
  } catch (e) { showError(null, e); }
}

async function panels() {
  const tech = $('#technical');
  const facts = [];
  const flat = (obj, prefix) => {
    for (const [k, v] of Object.entries(obj || {})) {
      if (v === null || v === undefined || v === '') continue;
      if (typeof v === 'object' && !Array.isArray(v)) flat(v, prefix + k + '.');
      else if (Array.isArray(v)) v.forEach((x, i) => (typeof x === 'object' ? flat(x, `${prefix}${k}[${i}].`) : facts.push([prefix + k, v.join(', ')])));
      else facts.push([prefix + k, String(v)]);
    }
  };
  flat(asset.technical, '');
  tech.replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  $('#renditions').replaceChildren(...(asset.renditions || []).map((r) => el('li', {},
    el('strong', {}, r.profile), ' ', el('span', { class: 'muted' }, `${t('state.' + r.state)} ${r.sizeBytes ? bytes(r.sizeBytes) : ''}`), ' ',
    r.state === 'READY' ? el('a', { href: `/api/v1/assets/${id}/renditions/${r.profile}?download=true`, class: 'button small', download: '' }, t('common.download')) : null,
    r.error ? el('span', { class: 'error' }, r.error) : null)));
  try {
    const events = await get(`/api/v1/assets/${id}/provenance`);
    $('#provenance').replaceChildren(...events.map((e) => el('li', {}, el('time', { datetime: e.time }, date(e.time)), ' ',
      el('strong', {}, e.type), ' ', e.outcome ? el('span', { class: 'muted' }, e.outcome) : null, ' ', e.user || e.agent || '', e.detail ? el('div', { class: 'muted' }, e.detail) : null)));
  } catch (e) { $('#provenance-panel').hidden = true; }
  try {
    const similar = await get(`/api/v1/assets/${id}/similar`);
    $('#similar').replaceChildren(...similar.map((m) => el('li', {}, el('a', { href: `/assets/${m.assetId}` },
      m.mediaType === 'IMAGE' ? el('img', { src: `/api/v1/assets/${m.assetId}/renditions/image-thumbnail`, alt: m.title || '', loading: 'lazy' }) : m.title || m.assetId))));
    if (!similar.length) $('#similar').replaceChildren(el('li', { class: 'muted' }, t('asset.noSimilar')));
  } catch (e) { $('#similar').replaceChildren(el('li', { class: 'muted' }, t('asset.noSimilar'))); }
}

function reviewForm() {
  const form = $('#review-form');
  if (!can('REVIEW')) return;
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const status = el('select', { id: 'rv-status' }, ['OPEN', 'PARTLY_OPEN', 'CLOSED'].map((s) => el('option', { value: s, selected: asset.openStatus === s }, t('status.' + s))));
  const reason = el('select', { id: 'rv-reason' }, REVIEW_REASONS.map((r) => el('option', { value: r }, t('reason.' + r))));
  const reReview = el('input', { id: 'rv-date', type: 'date' });
  const text = el('input', { id: 'rv-text' });
  form.replaceChildren(
    el('p', {}, t('review.current'), ' ', el('strong', { id: 'rv-current' }, t('status.' + (asset.openStatus || 'UNREVIEWED')))),
    el('label', { for: 'rv-status' }, t('review.status')), status,
    el('label', { for: 'rv-reason' }, t('review.reason')), reason,
    el('label', { for: 'rv-text' }, t('review.reasonText')), text,
    el('label', { for: 'rv-date' }, t('review.reReviewOn')), reReview,
    error,
    el('button', { type: 'submit', class: 'primary', id: 'rv-submit' }, t('review.submit')));
  form.onsubmit = async (ev) => {
    ev.preventDefault();
    clearError(error);
    const body = { assets: [id], decision: status.value, reason: reason.value };
    if (text.value.trim()) body.reasonText = text.value.trim();
    if (reReview.value) body.reReviewOn = reReview.value;
    try {
      const [d] = await api('POST', '/api/v1/review/decisions', body);
      toast(d.state === 'PENDING' ? t('review.pendingApproval') : t('review.decided'));
      await load();
      $('#rv-current').textContent = t('status.' + (asset.openStatus || 'UNREVIEWED'));
    } catch (e) { showError(error, e); }
  };
}

// The archival code (DA/T 13): given once, from the record's fonds, year and retention; 422 names what is missing.
function codeForm() {
  if (!can('CODE')) return;
  $('#code-current').textContent = asset.archivalCode || t('code.none');
  $('#code-form').hidden = Boolean(asset.archivalCode);
  $('#code-form').onsubmit = async (ev) => {
    ev.preventDefault();
    clearError($('#code-error'));
    const body = {};
    const group = $('#code-group').value.trim();
    if (group) body.group = /^\d+$/.test(group) ? Number(group) : group;
    if ($('#code-year').value) body.year = Number($('#code-year').value);
    try {
      const assigned = await api('POST', `/api/v1/assets/${id}/archival-code`, body);
      toast(t('code.assigned', { code: assigned.archivalCode }));
      await load();
      codeForm();
    } catch (e) { showError($('#code-error'), e); }
  };
}

function watchProcessing() {
  if (asset.state === 'READY' || asset.state === 'FAILED') return;
  const source = new EventSource(`/api/v1/assets/${id}/events`);
  source.onmessage = (ev) => {
    const p = JSON.parse(ev.data);
    $('#asset-status').firstChild.textContent = t('state.' + p.state);
    if (p.state === 'READY' || p.state === 'FAILED') { source.close(); location.reload(); }
  };
  source.onerror = () => source.close();
}

async function main() {
  try {
    await load();
  } catch (e) {
    showError(null, e);
    return;
  }
  if (asset.mediaType === 'IMAGE') showPhoto();
  if (asset.mediaType === 'VIDEO' || asset.mediaType === 'AUDIO') await showPlayer();
  if (can('COLLECT')) fillCollections($('#collect-target')).catch((e) => showError(null, e));
  $('#collect-form').addEventListener('submit', (ev) => { ev.preventDefault(); addToCollection({ asset: id }); });
  descriptionForm($('#description-form'), $('#description-error'), id, can('DESCRIBE'));
  reviewForm();
  codeForm();
  applyPermissions();
  watchProcessing();
  await panels();
  document.body.dataset.ready = 'true';
}

main();
