import { $, el, get, page, showError, t } from './app.js';

// Charts drawn as SVG from the API's numbers: photos and minutes of recording by year, open rates by year,
// and use of records by month. Each chart also has its table, for screen readers and for copying.
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

function bars(title, rows, unit) {
  const w = 640, h = 220, pad = 36;
  const max = Math.max(1, ...rows.map((r) => r[1]));
  const bw = (w - pad * 2) / Math.max(1, rows.length);
  const chart = svg('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': title, class: 'chart' },
    ...rows.map(([label, value], i) => {
      const bh = (h - pad * 2) * value / max;
      const x = pad + i * bw;
      return svg('g', {},
        svg('rect', { x: x + 4, y: h - pad - bh, width: Math.max(2, bw - 8), height: bh, class: 'bar' }),
        svg('text', { x: x + bw / 2, y: h - pad + 16, 'text-anchor': 'middle', class: 'axis' }, label),
        svg('text', { x: x + bw / 2, y: h - pad - bh - 4, 'text-anchor': 'middle', class: 'value' }, value.toLocaleString(page.language)));
    }));
  const table = el('table', { class: 'files' }, el('caption', { class: 'visually-hidden' }, title),
    el('tbody', {}, rows.map(([label, value]) => el('tr', {}, el('th', { scope: 'row' }, label), el('td', {}, value.toLocaleString(page.language) + (unit ? ' ' + unit : ''))))));
  return el('section', { class: 'panel' }, el('h2', {}, title), chart, el('details', {}, el('summary', {}, t('statistics.table')), table));
}

async function main() {
  const charts = $('#charts');
  try {
    const years = (await get('/api/v1/search/statistics')).slice().reverse();
    charts.append(bars(t('statistics.photosByYear'), years.map((y) => [y.year, y.records.IMAGE || 0])));
    charts.append(bars(t('statistics.minutesByYear'), years.map((y) => [y.year, Math.round((y.minutes.VIDEO || 0) + (y.minutes.AUDIO || 0))]), t('statistics.minutes')));
    const open = await get('/api/v1/review/statistics');
    const byYear = new Map();
    for (const r of open.rows) {
      if (r.year === null || r.year === undefined) continue;
      const v = byYear.get(r.year) || { reviewed: 0, opened: 0 };
      v.reviewed += r.reviewed;
      v.opened += r.opened;
      byYear.set(r.year, v);
    }
    charts.append(bars(t('statistics.openRate'), [...byYear.entries()].sort((a, b) => a[0] - b[0])
      .map(([y, v]) => [String(y), v.reviewed ? Math.round(100 * v.opened / v.reviewed) : 0]), '%'));
    charts.append(el('p', { class: 'muted' }, t('statistics.total', { records: open.total.records, reviewed: open.total.reviewed,
      rate: open.total.openRate === null ? '–' : Math.round(100 * open.total.openRate) + '%' })));
  } catch (e) { showError(null, e); }
  try {
    const uses = await get('/api/v1/use-register?size=10000');
    const byMonth = new Map();
    for (const u of uses) {
      const m = String(u.at || u.time || u.createdAt || '').slice(0, 7);
      if (m) byMonth.set(m, (byMonth.get(m) || 0) + 1);
    }
    charts.append(bars(t('statistics.use'), [...byMonth.entries()].sort().slice(-12)));
  } catch (e) {
    if (e.status !== 403) showError(null, e);
  }
}

main();
