// The editor's player: J/K/L shuttle, arrow keys step a frame, I/O mark in and out, with the time shown as
// timecode against the source's own timecode. Works on a <video> or <audio> element.

export function timecode(seconds, fps) {
  const rate = Math.round(fps);
  const total = Math.round(seconds * fps);
  const f = total % rate;
  const s = Math.floor(total / rate);
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}:${pad(f)}`;
}

function parseTimecode(tc, fps) {
  const m = /^(\d{2}):(\d{2}):(\d{2})[:;](\d{2})$/.exec(tc || '');
  if (!m) return null;
  return ((+m[1] * 60 + +m[2]) * 60 + +m[3]) + +m[4] / Math.round(fps);
}

export class Player {
  constructor(media, { fps = 25, startTimecode = null, onMarks = () => {}, onTime = () => {} } = {}) {
    this.media = media;
    this.fps = fps;
    this.start = parseTimecode(startTimecode, fps);
    this.markIn = null;
    this.markOut = null;
    this.onMarks = onMarks;
    this.onTime = onTime;
    this.reverse = null;
    this.speed = 0;
    media.addEventListener('timeupdate', () => this.onTime(media.currentTime));
    media.addEventListener('seeked', () => this.onTime(media.currentTime));
  }

  sourceTimecode(t) {
    return this.start === null ? null : timecode(this.start + t, this.fps);
  }

  /** The keys an editor's hands already know, unless the user is typing in a field. */
  handleKey(ev) {
    const target = ev.target;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return false;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return false;
    switch (ev.key) {
      case 'j': case 'J': this.shuttle(-1); break;
      case 'k': case 'K': this.stop(); break;
      case 'l': case 'L': this.shuttle(1); break;
      case 'ArrowLeft': this.step(-1); break;
      case 'ArrowRight': this.step(1); break;
      case 'i': case 'I': this.setIn(); break;
      case 'o': case 'O': this.setOut(); break;
      default: return false;
    }
    ev.preventDefault();
    return true;
  }

  /** L plays forward, faster with each press (1×, 2×, 4×, 8×); J the same backwards; K stops. */
  shuttle(direction) {
    const sameWay = Math.sign(this.speed) === direction;
    const next = sameWay ? Math.min(8, Math.abs(this.speed) * 2) : 1;
    this.stop();
    this.speed = next * direction;
    if (direction > 0) {
      this.media.playbackRate = next;
      this.media.play();
    } else {
      // Browsers do not play backwards: step back a frame's worth at the shuttle speed instead.
      const tick = 1000 / this.fps;
      this.reverse = setInterval(() => {
        const t = Math.max(0, this.media.currentTime - (next / this.fps));
        this.media.currentTime = t;
        if (t === 0) this.stop();
      }, tick);
    }
  }

  stop() {
    clearInterval(this.reverse);
    this.reverse = null;
    this.speed = 0;
    this.media.pause();
    this.media.playbackRate = 1;
  }

  step(frames) {
    this.stop();
    const frame = Math.round(this.media.currentTime * this.fps) + frames;
    this.media.currentTime = Math.max(0, frame / this.fps + 0.0001);
  }

  frameTime() {
    return Math.round(this.media.currentTime * this.fps) / this.fps;
  }

  setIn() {
    this.markIn = this.frameTime();
    if (this.markOut !== null && this.markOut <= this.markIn) this.markOut = null;
    this.onMarks(this.markIn, this.markOut);
  }

  setOut() {
    this.markOut = this.frameTime();
    if (this.markIn !== null && this.markIn >= this.markOut) this.markIn = null;
    this.onMarks(this.markIn, this.markOut);
  }
}
