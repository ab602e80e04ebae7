import { api, el, showError, t } from './app.js';

// The transcript beside the player: every word a button that seeks to its start, the word being spoken
// highlighted and kept in view, and (for those who describe) each segment's text correctable in place, which
// the API keeps as a new version.
export class TranscriptPanel {
  constructor(box, media, assetId, { editable = false, follow = () => true } = {}) {
    this.box = box;
    this.media = media;
    this.assetId = assetId;
    this.editable = editable;
    this.follow = follow;
    this.words = [];
    this.current = null;
    box.addEventListener('click', (ev) => {
      const w = ev.target.closest('.w');
      if (w) this.seek(Number(w.dataset.start));
    });
    const tick = () => this.highlight(this.media.currentTime);
    media.addEventListener('timeupdate', tick);
    media.addEventListener('seeked', tick);
    const loop = () => { tick(); if (!media.paused) requestAnimationFrame(loop); };
    media.addEventListener('play', () => requestAnimationFrame(loop));
  }

  seek(start) {
    this.media.currentTime = start;
  }

  render(transcript) {
    this.words = [];
    const segments = (transcript.segments || []).map((s) => this.segment(s));
    this.box.replaceChildren(
      el('p', { class: 'muted' }, t('transcript.version', { v: transcript.version, source: transcript.source ? t('transcript.source.' + transcript.source) : '' })),
      ...segments);
  }

  segment(s) {
    const words = (s.words && s.words.length ? s.words : [{ word: s.text, start: s.start, end: s.end }]).map((w) => {
      const b = el('button', { type: 'button', class: 'w', dataset: { start: w.start, end: w.end } }, w.word);
      this.words.push({ start: w.start, end: w.end, el: b });
      return [b, ' '];
    });
    const text = el('p', { class: 'seg-text', lang: s.language || undefined }, words.flat());
    const time = el('button', { type: 'button', class: 'seg-time', onclick: () => this.seek(s.start) }, formatTime(s.start));
    const block = el('div', { class: 'seg', dataset: { segment: s.id } }, time, s.speaker ? el('span', { class: 'speaker' }, s.speaker) : null, text);
    if (this.editable) {
      block.append(el('button', { type: 'button', class: 'link seg-edit', onclick: () => this.edit(block, s) }, t('transcript.correct')));
    }
    return block;
  }

  edit(block, s) {
    const area = el('textarea', { class: 'seg-editor', 'aria-label': t('transcript.correct'), rows: '3' });
    area.value = s.text;
    const error = el('p', { class: 'error', role: 'alert', hidden: true });
    const save = el('button', { type: 'button', class: 'primary', onclick: async () => {
      try {
        await api('PATCH', `/api/v1/assets/${this.assetId}/transcript/segments/${s.id}`, { text: area.value });
        this.render(await api('GET', `/api/v1/assets/${this.assetId}/transcript`));
      } catch (e) { showError(error, e); }
    } }, t('common.save'));
    const cancel = el('button', { type: 'button', onclick: () => block.replaceWith(this.segment(s)) }, t('common.cancel'));
    block.replaceChildren(area, error, save, cancel);
    area.focus();
  }

  highlight(time) {
    // Words are in time order: a binary search finds the one being spoken.
    let lo = 0, hi = this.words.length - 1, found = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const w = this.words[mid];
      if (time < w.start) hi = mid - 1;
      else if (time >= w.end) lo = mid + 1;
      else { found = w; break; }
    }
    if (found === this.current) return;
    if (this.current) this.current.el.classList.remove('now');
    this.current = found;
    if (found) {
      found.el.classList.add('now');
      if (this.follow()) found.el.scrollIntoView({ block: 'nearest' });
    }
  }
}

function formatTime(s) {
  const m = Math.floor(s / 60), sec = Math.floor(s % 60);
  return `${m}:${String(sec).padStart(2, '0')}`;
}
