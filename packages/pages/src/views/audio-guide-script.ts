import { createHash } from 'node:crypto';

/*
 * The hall page's audio guide, served as a small module at /assets/terroir-audio-guide.<hash>.js
 * (script-src 'self': no inline script, the CSP stays strict). Without it, or without
 * JavaScript, the guide's controls stay hidden and each exhibit's own <audio controls> plays.
 * With it, one button plays every exhibit's recording in order: the status line (aria-live)
 * names the exhibit, the exhibit scrolls into view and is marked, and when its transcript has
 * timed cues (data-start/data-end, seconds) the cue being heard gets aria-current="true".
 * The words come from the page (data-* templates with {n}, {total}, {title}), in its language.
 */
export const AUDIO_GUIDE_SCRIPT = `
const guide = document.querySelector('[data-audio-guide]');
if (guide) {
  const items = [...document.querySelectorAll('[data-guide-item]')].filter((item) => item.querySelector('audio'));
  const control = (name) => guide.querySelector('[data-guide="' + name + '"]');
  const start = control('start'), previous = control('previous'), toggle = control('toggle'), next = control('next');
  const status = guide.querySelector('[data-guide-status]');
  const words = guide.dataset;
  const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
  let current = -1;
  const audioOf = (i) => items[i].querySelector('audio');
  const say = (template, i) => { status.textContent = template.replace('{n}', String(i + 1)).replace('{total}', String(items.length)).replace('{title}', items[i].dataset.title); };
  const setState = (state) => {
    guide.dataset.state = state;
    toggle.textContent = state === 'paused' ? words.resume : words.pause;
    toggle.disabled = state === 'done';
    previous.disabled = state === 'done' || current <= 0;
    next.disabled = state === 'done';
  };
  const mark = (i) => items.forEach((item, j) => {
    const exhibit = item.closest('li') || item;
    if (j === i) exhibit.setAttribute('data-guide-current', ''); else exhibit.removeAttribute('data-guide-current');
  });
  const markCue = (i) => {
    const at = audioOf(i).currentTime;
    for (const cue of items[i].querySelectorAll('[data-start]')) {
      if (at >= Number(cue.dataset.start) && at < Number(cue.dataset.end)) cue.setAttribute('aria-current', 'true');
      else cue.removeAttribute('aria-current');
    }
  };
  const finish = () => {
    if (current >= 0) audioOf(current).pause();
    current = -1;
    mark(-1);
    setState('done');
    status.textContent = words.done;
  };
  const play = (i) => {
    if (current >= 0 && current !== i) audioOf(current).pause();
    if (i < 0) i = 0;
    if (i >= items.length) return finish();
    current = i;
    const audio = audioOf(i);
    mark(i);
    (items[i].closest('li') || items[i]).scrollIntoView({ block: 'start', behavior: reduced ? 'auto' : 'smooth' });
    audio.currentTime = 0;
    setState('playing');
    say(words.playing, i);
    audio.play().catch(() => { say(words.failed, i); });
  };
  items.forEach((item, i) => {
    const audio = audioOf(i);
    audio.addEventListener('ended', () => { if (i === current && guide.dataset.state === 'playing') play(i + 1); });
    audio.addEventListener('timeupdate', () => markCue(i));
    audio.addEventListener('error', () => { if (i === current) { say(words.failed, i); play(i + 1); } });
    // The exhibit's own controls drive the guide too: pausing there pauses the guide.
    audio.addEventListener('pause', () => { if (i === current && !audio.ended && guide.dataset.state === 'playing') { setState('paused'); say(words.paused, i); } });
    audio.addEventListener('play', () => {
      if (guide.dataset.state === 'paused' && i === current) { setState('playing'); say(words.playing, i); }
    });
  });
  start.addEventListener('click', () => play(0));
  previous.addEventListener('click', () => play(current - 1));
  next.addEventListener('click', () => play(current + 1));
  toggle.addEventListener('click', () => {
    if (current < 0) return;
    if (guide.dataset.state === 'paused') audioOf(current).play().catch(() => say(words.failed, current));
    else audioOf(current).pause();
  });
  guide.hidden = false;
}
`.trim();

/** The script's file name, content-hashed so it can be cached for a year and never go stale. */
export const AUDIO_GUIDE_SCRIPT_FILE = `terroir-audio-guide.${createHash('sha256').update(AUDIO_GUIDE_SCRIPT).digest('hex').slice(0, 12)}.js`;
