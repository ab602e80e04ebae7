import { el, loadScript, page, t } from './app.js';

const LEAFLET = '/webjars/leaflet/1.9.4/dist/';
let map = null;
let layer = null;

function loadStyle(href) {
  if (!document.querySelector(`link[href="${href}"]`)) document.head.append(el('link', { rel: 'stylesheet', href }));
}

/** Draws the hits that carry a location; the note says how many of them do, and whether there are tiles. */
export async function drawMap(box, note, hits) {
  loadStyle(LEAFLET + 'leaflet.css');
  await loadScript(LEAFLET + 'leaflet.js');
  const L = window.L;
  if (!map) {
    map = L.map(box, { worldCopyJump: true }).setView([20, 0], 2);
    if (page.mapTiles) {
      L.tileLayer(page.mapTiles, { maxZoom: 19, attribution: page.mapAttribution || '' }).addTo(map);
    }
  }
  if (layer) layer.remove();
  const placed = hits.filter((h) => h.location);
  layer = L.featureGroup(placed.map((h) => L.circleMarker([h.location.lat, h.location.lon], { radius: 7, weight: 2 })
    .bindPopup(() => el('a', { href: `/assets/${h.id}` }, h.title || h.originalFilename || h.id))
    .bindTooltip(`${h.title || h.originalFilename || ''} (${h.location.lat.toFixed(4)}, ${h.location.lon.toFixed(4)})`)));
  layer.addTo(map);
  if (placed.length) map.fitBounds(layer.getBounds(), { maxZoom: 14, padding: [24, 24] });
  map.invalidateSize();
  note.textContent = t('map.count', { placed: placed.length, total: hits.length }) + (page.mapTiles ? '' : ' ' + t('map.noTiles'));
}
