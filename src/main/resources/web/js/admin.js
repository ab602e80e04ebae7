import { $, api, can, date, el, get, showError, clearError, t, toast } from './app.js';

// Running the service: health, the job queues (failed jobs with their reasons, retried from here), the
// transcode profiles and their rebuilds, accounts and roles, and the admin's own API tokens.
async function health() {
  const r = await fetch('/q/health', { headers: { Accept: 'application/json' } });
  const h = await r.json();
  $('#health').replaceChildren(el('li', {}, el('strong', {}, t('admin.overall')), ' ', el('span', { class: 'badge ' + (h.status === 'UP' ? 'ok' : 'bad') }, h.status)),
    ...(h.checks || []).map((c) => el('li', {}, el('strong', {}, c.name), ' ', el('span', { class: 'badge ' + (c.status === 'UP' ? 'ok' : 'bad') }, c.status), ' ',
      el('span', { class: 'muted' }, c.data ? Object.entries(c.data).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' · ') : ''))));
}

// Each queue's depth, refreshed while the page is open: what waits (due now / all), runs and failed, and how
// long the oldest due job has waited (the figure an operator watches for a stuck or starved queue).
async function queues() {
  const list = await get('/api/v1/jobs/queues');
  $('#queues').replaceChildren(...list.map((q) => el('tr', {},
    el('th', { scope: 'row' }, q.queue),
    el('td', {}, q.due === q.pending ? String(q.pending) : t('admin.dueOf', { due: q.due, pending: q.pending })),
    el('td', {}, String(q.running)),
    el('td', { class: q.failed ? 'error' : '' }, String(q.failed)),
    el('td', {}, q.oldestDueSeconds == null ? '–' : t('admin.seconds', { s: q.oldestDueSeconds })))));
}

async function jobs() {
  const state = $('#job-state').value;
  const list = await get(`/api/v1/jobs?state=${state}&size=100`);
  $('#jobs').replaceChildren(...list.map((j) => el('tr', {},
    el('td', {}, `#${j.id} ${j.type}`, j.assetId ? el('div', {}, el('a', { href: `/assets/${j.assetId}` }, j.assetId)) : null),
    el('td', {}, t('job.' + j.state), el('div', { class: 'muted' }, `${j.attempts}/${j.maxAttempts} · ${j.worker || ''}`)),
    el('td', {}, el('progress', { max: '1', value: String(j.progress || (j.state === 'DONE' ? 1 : 0)) })),
    el('td', { class: 'error' }, j.lastError || ''),
    el('td', {}, j.state === 'FAILED' ? el('button', { type: 'button', class: 'small', onclick: () => retry(j.id) }, t('upload.retry')) : null))));
  if (!list.length) $('#jobs').replaceChildren(el('tr', {}, el('td', { colspan: '5', class: 'muted' }, t('admin.noJobs'))));
}

async function retry(id) {
  try { await api('POST', `/api/v1/jobs/${id}/retry`); toast(t('admin.retried')); await jobs(); } catch (e) { showError(null, e); }
}

async function profiles() {
  const list = await get('/api/v1/profiles');
  $('#profiles').replaceChildren(...list.map((p) => el('li', {},
    el('strong', {}, `${p.name} v${p.version}`), ' ', el('span', { class: 'muted' }, p.description), ' ',
    el('span', {}, t('admin.profileCounts', { current: p.current, older: p.older, failed: p.failed, pending: p.pending + p.running })), ' ',
    p.older + p.failed > 0 ? el('button', { type: 'button', class: 'small', onclick: () => rebuild(p.name) }, t('admin.rebuild')) : null)));
}

async function rebuild(name) {
  try { await api('POST', `/api/v1/profiles/${name}/rebuild`, {}); toast(t('admin.rebuilding')); await profiles(); } catch (e) { showError(null, e); }
}

const ROLES = ['READER', 'PHOTOGRAPHER', 'EDITOR', 'EXHIBITION', 'ARCHIVIST', 'ADMIN'];

async function users() {
  if (!can('MANAGE_USERS')) { $('#users-h').parentElement.hidden = true; return; }
  const list = await get('/api/v1/users');
  $('#users').replaceChildren(...list.map((u) => {
    const role = el('select', { 'aria-label': t('admin.roleOf', { user: u.username }) },
      ROLES.map((r) => el('option', { value: r, selected: r === u.role }, t('role.' + r))));
    role.addEventListener('change', async () => {
      try { await api('PATCH', `/api/v1/users/${encodeURIComponent(u.username)}`, { role: role.value }); toast(t('admin.saved')); } catch (e) { showError($('#admin-error'), e); }
    });
    return el('li', { dataset: { user: u.username } }, el('strong', {}, u.username), ' ', role, u.disabled ? ' ' + t('admin.disabled') : '', u.locked ? ' ' + t('admin.locked') : '');
  }));
}

$('#new-user').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearError($('#admin-error'));
  try {
    await api('POST', '/api/v1/users', { username: $('#nu-name').value.trim(), password: $('#nu-password').value, role: $('#nu-role').value });
    ev.target.reset();
    await users();
  } catch (e) { showError($('#admin-error'), e); }
});

async function tokens() {
  const list = await get('/api/v1/auth/tokens');
  $('#tokens').replaceChildren(...list.map((k) => el('li', {}, el('strong', {}, k.name), ' ', el('span', { class: 'muted' }, `${date(k.createdAt)} → ${date(k.expiresAt)}`),
    k.revokedAt ? ' ' + t('admin.revoked') : el('button', { type: 'button', class: 'small', onclick: async () => { await api('DELETE', `/api/v1/auth/tokens/${k.id}`); tokens(); } }, t('admin.revoke')))));
}

$('#new-token').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  try {
    const created = await api('POST', '/api/v1/auth/tokens', { name: $('#nt-name').value.trim() });
    $('#token-secret').hidden = false;
    $('#token-secret').textContent = t('admin.tokenOnce') + ' ' + created.token;
    ev.target.reset();
    await tokens();
  } catch (e) { showError($('#admin-error'), e); }
});

$('#job-state').addEventListener('change', () => jobs().catch((e) => showError(null, e)));
for (const f of [health, queues, jobs, profiles, users, tokens]) f().catch((e) => showError(null, e));
setInterval(() => queues().catch(() => { /* the next refresh tries again */ }), 10000);
