// Shared by every page: the page's data block, messages, calls to the API (problem details shown in the
// user's language), and small DOM helpers. Plain ES modules, no build step.

export const page = JSON.parse(document.getElementById('page-data').textContent);
const messages = page.messages || {};

/** A message in the page's language; {name} placeholders are filled from vars. */
export function t(key, vars) {
  let s = messages[key] ?? key;
  if (vars) {
    for (const [k, v] of Object.entries(vars)) s = s.replaceAll('{' + k + '}', v);
  }
  return s;
}

export function can(permission) {
  return (page.permissions || []).includes(permission);
}

/** An API answer that was not 2xx: its problem details, with a headline in the user's language. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || String(status));
    this.status = status;
    this.problem = problem;
  }
  get text() {
    const head = messages['error.' + this.status] ?? t('error.other', { status: this.status });
    const detail = this.problem.detail || this.problem.title || '';
    return detail ? head + ': ' + detail : head;
  }
}

export async function api(method, url, body, contentType = 'application/json') {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = contentType;
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, { detail: t('error.network') });
  }
  if (response.status === 401 && page.user) {
    location.href = '/?next=' + encodeURIComponent(location.pathname + location.search);
  }
  if (!response.ok) {
    let problem = {};
    try { problem = await response.json(); } catch (e) { problem = { title: response.statusText }; }
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const get = (url) => api('GET', url);

/** Builds an element: el('a', {href: '/x', class: 'y'}, 'text', child). No HTML strings, so nothing is injected. */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

/** Shows an error in a role=alert element (or the toast), in the user's language. */
// The reasons of an open-review decision (the API's enum), in the order the forms offer them.
export const REVIEW_REASONS = ['NO_RESTRICTION', 'STATE_SECRET', 'PERSONAL_PRIVACY', 'COMMERCIAL_SECRET', 'OTHER'];

export function showError(target, error) {
  const text = error instanceof ApiError ? error.text : String(error.message || error);
  if (target) {
    target.textContent = text;
    target.hidden = false;
  } else {
    toast(text, true);
  }
}

export function clearError(target) {
  if (target) { target.textContent = ''; target.hidden = true; }
}

let toastTimer;
export function toast(text, error = false) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.classList.toggle('bad', error);
  box.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => box.classList.remove('shown'), 5000);
}

export function seconds(s) {
  if (s === null || s === undefined || isNaN(s)) return '';
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = Math.floor(s % 60);
  const mm = String(m).padStart(2, '0'), ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${m}:${ss}`;
}

export function bytes(n) {
  if (n === null || n === undefined) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

export function date(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(page.language);
}

/** Thumbnail of a record for grids: photos their thumbnail, videos their poster, sound a placeholder. */
export function thumbnailUrl(id, mediaType) {
  if (mediaType === 'IMAGE') return `/api/v1/assets/${id}/renditions/image-thumbnail`;
  if (mediaType === 'VIDEO') return `/api/v1/assets/${id}/renditions/video-poster`;
  return null;
}

/** A job step such as "RENDER image-thumbnail": its kind in the user's language, then what it works on. */
export function stepText(step) {
  if (!step) return '';
  const [kind, ...rest] = String(step).split(' ');
  return [t('step.' + kind), ...rest].join(' ');
}

/** Hides every element whose data-needs names a permission the user lacks. */
export function applyPermissions(root = document) {
  for (const e of $$('[data-needs]', root)) {
    if (!can(e.dataset.needs)) e.hidden = true;
  }
}

/** The collections the user may add to, into a select. */
export async function fillCollections(select) {
  const list = await get('/api/v1/collections');
  select.replaceChildren(...list.filter((c) => c.rights !== 'VIEW').map((c) => el('option', { value: c.id }, c.title)));
  if (list.length === 0) select.append(el('option', { value: '' }, t('collection.none')));
  return list;
}

/**
 * Follows something the API builds as a job (a package, a clip export): GET answers 202 with its progress until it
 * is ready (200, the file itself, not read here) or failed (a problem). onProgress gets 0..1.
 */
export async function followBuild(url, onProgress, intervalMs = 1000) {
  for (;;) {
    let r;
    try {
      r = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    } catch (e) {
      throw new ApiError(0, { detail: t('error.network') });
    }
    if (r.status === 200) {
      r.body?.cancel();
      onProgress(1);
      return url;
    }
    let body = {};
    try { body = await r.json(); } catch (e) { body = { title: r.statusText }; }
    if (r.status !== 202) throw new ApiError(r.status, body);
    onProgress(body.progress || 0);
    await new Promise((res) => setTimeout(res, intervalMs));
  }
}

/** A classic script (a UMD library such as hls.js or tus-js-client) from this site, once. */
const scripts = new Map();
export function loadScript(src) {
  if (!scripts.has(src)) {
    scripts.set(src, new Promise((resolve, reject) => {
      const s = el('script', { src });
      s.onload = resolve;
      s.onerror = () => reject(new Error('could not load ' + src));
      document.head.append(s);
    }));
  }
  return scripts.get(src);
}

applyPermissions();
