import { $, $$, REVIEW_REASONS, api, can, clearError, el, fillCollections, get, page, seconds, showError, t, thumbnailUrl, toast } from './app.js';

// Search and browse. The page's address holds the query (the API's own parameters), so a search can be
// bookmarked, shared and gone back to; facets add filters to it.
const form = $('#search-form');
const results = $('#results');
const facetsBox = $('#facets');
// The selected records, kept across searches and pages: id → media type (which description standard applies).
const selected = new Map();
// The address's parameters passed on to /api/v1/search: the server's list (Pages.SEARCH_PARAMETERS), the same one it answers the first page with.
const API_PARAMS = page.searchParameters;
const TEXT_FACETS = { event: 'event', person: 'person', place: 'place', camera: 'camera' };
let next = null;
let hits = [];
let view = localStorage.getItem('avmam-view') || 'grid';
// The server answers the address's first page of hits into the page (the same search as the API): used once, for that address.
let firstPage = page.firstPage || null;

function params() {
  return new URLSearchParams(location.search);
}

function fillForm() {
  const p = params();
  for (const name of ['q', 'dateFrom', 'dateTo', 'minDuration', 'maxDuration']) {
    const input = form.elements[name];
    if (input) input.value = p.get(name) || '';
  }
  if (['dateFrom', 'dateTo', 'minDuration', 'maxDuration'].some((n) => p.get(n))) $('details.ranges', form).open = true;
}

function go(p) {
  history.pushState(null, '', p.toString() ? '?' + p : '/');
  run();
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const p = params();
  for (const name of ['q', 'dateFrom', 'dateTo', 'minDuration', 'maxDuration']) {
    const v = form.elements[name].value.trim();
    if (v) p.set(name, v); else p.delete(name);
  }
  go(p);
});
window.addEventListener('popstate', () => { fillForm(); run(); });

async function run(append = false) {
  const p = params();
  const query = new URLSearchParams();
  for (const [k, v] of p) if (API_PARAMS.includes(k)) query.append(k, v);
  query.set('size', '60');
  if (append && next) query.set('cursor', next);
  const first = !append && firstPage && firstPage.query === location.search.slice(1) ? firstPage.result : null;
  firstPage = null;
  let r;
  try {
    r = first || await get('/api/v1/search?' + query);
  } catch (e) {
    showError(null, e);
    $('#result-count').textContent = e.text || String(e);
    return;
  }
  next = r.next || null;
  $('#more').hidden = !next;
  $('#result-count').textContent = t('search.count', { n: r.total.toLocaleString(page.language) });
  if (!append) { results.replaceChildren(); hits = []; }
  hits.push(...r.hits);
  results.append(...r.hits.map(tile));
  if (view === 'map') showMap(hits);
  renderFacets(r.facets || {});
  renderActive(p);
}

function tile(hit) {
  const thumb = thumbnailUrl(hit.id, hit.mediaType);
  const title = hit.title || hit.originalFilename || hit.id;
  const check = el('input', { type: 'checkbox', class: 'pick', 'aria-label': t('selection.select', { title }) });
  check.checked = selected.has(hit.id);
  check.addEventListener('change', () => { check.checked ? selected.set(hit.id, hit.mediaType) : selected.delete(hit.id); selection(); });
  const moments = (hit.moments || []).slice(0, 3).map((m) => el('li', {},
    el('a', { href: `/assets/${hit.id}#t=${m.start}`, class: 'moment' }, t('search.spokenAt', { time: seconds(m.start) })), ' ',
    el('span', { class: 'muted' }, m.text)));
  return el('li', { class: 'tile', dataset: { id: hit.id } },
    el('a', { href: `/assets/${hit.id}`, class: 'thumb', tabindex: '0' },
      thumb ? el('img', { src: thumb, alt: '', loading: 'lazy', width: '320', height: '213' }) : el('span', { class: 'icon' }, t('media.' + hit.mediaType))),
    check,
    el('div', { class: 'caption' },
      el('a', { href: `/assets/${hit.id}`, class: 'title' }, title),
      el('span', { class: 'muted' }, [hit.date ? hit.date.slice(0, 10) : '', hit.durationSeconds ? seconds(hit.durationSeconds) : '', t('media.' + hit.mediaType)].filter(Boolean).join(' · ')),
      hit.openStatus ? el('span', { class: 'badge status-' + hit.openStatus }, t('status.' + hit.openStatus)) : null,
      moments.length ? el('ul', { class: 'moments' }, moments) : null));
}

function renderFacets(facets) {
  const p = params();
  const blocks = [];
  for (const [name, values] of Object.entries(facets)) {
    const entries = Object.entries(values || {});
    if (entries.length === 0) continue;
    blocks.push(el('section', { class: 'facet' },
      el('h2', {}, t('facet.' + name)),
      el('ul', {}, entries.map(([value, count]) => el('li', {},
        el('button', { type: 'button', class: 'facet-value', dataset: { facet: name, value }, 'aria-pressed': String(active(p, name, value)), onclick: () => toggleFacet(name, value) },
          label(name, value), ' ', el('span', { class: 'count' }, count.toLocaleString(page.language))))))));
  }
  facetsBox.replaceChildren(...blocks);
}

function label(name, value) {
  if (name === 'mediaType') return t('media.' + value);
  if (name === 'openStatus') return t('status.' + value);
  return value;
}

function active(p, name, value) {
  if (name === 'year') return p.get('dateFrom') === value && p.get('dateTo') === value;
  if (TEXT_FACETS[name]) return (p.get('q') || '').includes(`${TEXT_FACETS[name]}:"${value}"`);
  return p.getAll(name).includes(value);
}

function toggleFacet(name, value) {
  const p = params();
  if (name === 'year') {
    if (active(p, name, value)) { p.delete('dateFrom'); p.delete('dateTo'); } else { p.set('dateFrom', value); p.set('dateTo', value); }
  } else if (TEXT_FACETS[name]) {
    const term = `${TEXT_FACETS[name]}:"${value.replaceAll('"', '')}"`;
    const q = (p.get('q') || '');
    const nq = q.includes(term) ? q.replace(term, '').trim() : (q + ' ' + term).trim();
    if (nq) p.set('q', nq); else p.delete('q');
  } else {
    const values = p.getAll(name);
    p.delete(name);
    for (const v of values) if (v !== value) p.append(name, v);
    if (!values.includes(value)) p.append(name, value);
  }
  fillFormQuery(p);
  go(p);
}

function fillFormQuery(p) {
  form.elements.q.value = p.get('q') || '';
}

function renderActive(p) {
  const chips = [];
  for (const [k, v] of p) {
    if (k === 'q' || !API_PARAMS.includes(k)) continue;
    chips.push(el('button', { type: 'button', class: 'chip', 'aria-label': t('search.removeFilter', { filter: `${t('facet.' + k)}: ${label(k, v)}` }),
      onclick: () => { const n = params(); const vals = n.getAll(k).filter((x) => x !== v); n.delete(k); vals.forEach((x) => n.append(k, x)); fillForm(); go(n); } },
      `${t('facet.' + k)}: ${label(k, v)} ×`));
  }
  $('#active-filters').replaceChildren(...chips);
}

$('#more').addEventListener('click', () => run(true));

// Views: a grid of thumbnails or a list with more text.
function setView(v) {
  view = v;
  localStorage.setItem('avmam-view', v);
  results.className = v;
  results.hidden = v === 'map';
  $('#map-box').hidden = v !== 'map';
  if (v === 'map') showMap(hits);
  for (const b of $$('[data-view]')) b.setAttribute('aria-pressed', String(b.dataset.view === v));
}
for (const b of $$('[data-view]')) b.addEventListener('click', () => setView(b.dataset.view));
setView(view);

// Keyboard: arrows move between tiles, space selects, enter opens (the link's own behaviour).
results.addEventListener('keydown', (ev) => {
  const tiles = $$('.tile', results);
  const i = tiles.findIndex((x) => x.contains(document.activeElement));
  if (i < 0) return;
  const perRow = view === 'grid' ? Math.max(1, Math.round(results.clientWidth / tiles[0].offsetWidth)) : 1;
  const move = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: perRow, ArrowUp: -perRow }[ev.key];
  if (move) {
    ev.preventDefault();
    const target = tiles[Math.min(tiles.length - 1, Math.max(0, i + move))];
    $('a.thumb', target).focus();
  } else if (ev.key === ' ' && document.activeElement.classList.contains('thumb')) {
    ev.preventDefault();
    $('.pick', tiles[i]).click();
  }
});

// Batch actions over the selection.
let collections = [];
async function selection() {
  $('#selection-bar').hidden = selected.size === 0;
  $('#selection-count').textContent = t('selection.count', { n: selected.size });
  if (selected.size > 0 && collections.length === 0 && can('COLLECT')) {
    try { collections = await fillCollections($('#selection-collection')); } catch (e) { showError(null, e); }
  }
}
$('#selection-clear').addEventListener('click', () => { selected.clear(); $$('.pick').forEach((c) => { c.checked = false; }); selection(); });
$('#selection-add').addEventListener('click', async () => {
  const target = $('#selection-collection').value;
  if (!target) return toast(t('collection.none'), true);
  let added = 0;
  for (const id of selected.keys()) {
    try { await api('POST', `/api/v1/collections/${target}/items`, { asset: id }); added++; } catch (e) { showError(null, e); }
  }
  toast(t('selection.added', { n: added }));
});
$('#selection-describe').addEventListener('click', () => bulk('describe').catch((e) => showError(null, e)));
$('#selection-review').addEventListener('click', () => bulk('review').catch((e) => showError(null, e)));
// Codes for many at once, item numbers in the order the records are shown.
$('#selection-code').addEventListener('click', async () => {
  const ordered = [...document.querySelectorAll('#results .tile')].map((x) => x.dataset.id).filter((x) => selected.has(x));
  try {
    const assigned = await api('POST', '/api/v1/archival-codes', { assets: ordered });
    toast(t('selection.coded', { n: assigned.length }));
  } catch (e) { showError(null, e); }
});

// Batch actions over the selection, each one request the API carries out for all or none: a description change
// (any element the selected records' standards share and people may set) or an open-review decision with its reason.
async function bulk(kind) {
  const dialog = $('#bulk-dialog');
  const fields = $('#bulk-fields');
  $('#bulk-error').hidden = true;
  const ids = [...selected.keys()];
  let submit;
  if (kind === 'describe') {
    $('#bulk-title').textContent = t('selection.describe');
    const elements = await bulkElements(ids);
    const rows = el('div', { id: 'bulk-rows', class: 'bulk-rows' });
    const addRow = () => {
      const n = rows.children.length;
      rows.append(el('div', { class: 'bulk-row' },
        el('label', { for: `bulk-element-${n}`, class: 'visually-hidden' }, t('bulk.element')),
        el('select', { id: `bulk-element-${n}`, class: 'bulk-element' }, elements.map((e) => el('option', { value: e.key }, e.label))),
        el('label', { for: `bulk-value-${n}`, class: 'visually-hidden' }, t('bulk.value')),
        el('input', { id: `bulk-value-${n}`, class: 'bulk-value', 'aria-describedby': 'bulk-hint' })));
    };
    addRow();
    fields.replaceChildren(rows,
      el('button', { type: 'button', id: 'bulk-add', onclick: addRow }, t('bulk.addElement')),
      el('p', { id: 'bulk-hint', class: 'muted' }, t('bulk.hint')));
    submit = async () => {
      const set = {};
      for (const row of rows.children) {
        const key = row.querySelector('.bulk-element').value;
        const v = row.querySelector('.bulk-value').value.trim();
        const element = elements.find((e) => e.key === key);
        set[key] = v === '' ? null : element.repeatable ? v.split(';').map((x) => x.trim()).filter(Boolean) : v;
      }
      const r = await api('PATCH', '/api/v1/descriptions', { assets: ids, set }, 'application/merge-patch+json');
      return t('selection.applied', { n: r.changed });
    };
  } else {
    $('#bulk-title').textContent = t('selection.review');
    fields.replaceChildren(
      el('label', { for: 'bulk-status' }, t('review.status')),
      el('select', { id: 'bulk-status' }, ['OPEN', 'PARTLY_OPEN', 'CLOSED'].map((s) => el('option', { value: s }, t('status.' + s)))),
      el('label', { for: 'bulk-reason' }, t('review.reason')),
      el('select', { id: 'bulk-reason' }, REVIEW_REASONS.map((r) => el('option', { value: r }, t('reason.' + r)))),
      el('label', { for: 'bulk-text' }, t('review.reasonText')), el('input', { id: 'bulk-text' }),
      el('label', { for: 'bulk-date' }, t('review.reReviewOn')), el('input', { id: 'bulk-date', type: 'date' }));
    submit = async () => {
      const body = { assets: ids, decision: $('#bulk-status').value, reason: $('#bulk-reason').value };
      if ($('#bulk-text').value.trim()) body.reasonText = $('#bulk-text').value.trim();
      if ($('#bulk-date').value) body.reReviewOn = $('#bulk-date').value;
      const decided = await api('POST', '/api/v1/review/decisions', body);
      return t('review.decidedMany', { n: decided.length });
    };
  }
  // The dialog stays open on a refusal, with the API's reason, so nothing typed is lost.
  $('#bulk-form').onsubmit = async (ev) => {
    if (ev.submitter && ev.submitter.value !== 'ok') return;
    ev.preventDefault();
    clearError($('#bulk-error'));
    try {
      const done = await submit();
      dialog.close('ok');
      toast(done);
    } catch (e) { showError($('#bulk-error'), e); }
  };
  dialog.showModal();
}

// The elements a person may set that every selected record's standard has: DA/T 54 for photos, DA/T 63 for
// recordings; a mixed selection gets the elements both share.
async function bulkElements(ids) {
  const types = new Set(ids.map((id) => (selected.get(id) === 'IMAGE' ? 'photo' : 'av')));
  const schemas = await Promise.all([...types].map((name) => get(`/api/v1/descriptions/schemas/${name}`)));
  const zh = page.language === 'zh-CN';
  const settable = (schema) => schema.elements.filter((e) => (e.from || 'USER') !== 'SYSTEM');
  return settable(schemas[0])
    .filter((e) => schemas.every((s) => settable(s).some((o) => o.key === e.key)))
    .map((e) => ({ key: e.key, repeatable: e.repeatable, label: (schemas.length === 1 ? e.number + ' ' : '') + (zh ? e.zh : e.en) }));
}

// The map of geotagged results (Leaflet). Tiles only where the archive configured a tile server
// (avmam.web.map-tiles): with no internet, the points are drawn on a blank map with their coordinates.
async function showMap(list) {
  const { drawMap } = await import('./map.js');
  drawMap($('#map'), $('#map-note'), list);
}

fillForm();
run();
