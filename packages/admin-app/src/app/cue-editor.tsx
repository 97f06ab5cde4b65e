import { useRef, useState } from 'preact/hooks';
import { useWorkspace } from './workspace';

interface Localized {
  'zh-CN'?: string;
  en?: string;
}

/** A timed passage of a recording's transcript, as the stories API stores it. */
export interface TranscriptCue {
  start: number;
  end: number;
  text: Localized;
}

/**
 * The lines a transcript is timed by: its non-empty lines in Chinese (or English when there is
 * no Chinese), each paired with the English line at the same place when both have as many lines.
 *
 * @example
 * transcriptLines({ 'zh-CN': '先泡\n再压扁', en: 'Soak\nFlatten' }) // [{ 'zh-CN': '先泡', en: 'Soak' }, …]
 */
export function transcriptLines(transcript: Localized | undefined): Localized[] {
  const split = (text: string | undefined) =>
    (text ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  const zh = split(transcript?.['zh-CN']);
  const en = split(transcript?.en);
  if (zh.length === 0) return en.map((line) => ({ en: line }));
  return zh.map((line, i) => (en.length === zh.length ? { 'zh-CN': line, en: en[i] } : { 'zh-CN': line }));
}

/**
 * Cues from each line's start: a line ends where the next starts, the last one at the end of the
 * recording. Undefined until every line has a start and the starts rise.
 *
 * @example
 * cuesFromStarts(lines, [0, 1.5, 3], 5) // [{ start: 0, end: 1.5, … }, { start: 1.5, end: 3, … }, { start: 3, end: 5, … }]
 */
export function cuesFromStarts(lines: Localized[], starts: Array<number | null>, duration: number): TranscriptCue[] | undefined {
  if (lines.length === 0 || starts.length !== lines.length) return undefined;
  const known = starts.filter((s): s is number => s !== null && Number.isFinite(s) && s >= 0);
  if (known.length !== lines.length) return undefined;
  for (let i = 1; i < known.length; i++) if (known[i]! <= known[i - 1]!) return undefined;
  const last = known[known.length - 1]!;
  const end = Number.isFinite(duration) && duration > last ? duration : last + 1;
  return lines.map((text, i) => ({ start: round(known[i]!), end: round(i + 1 < known.length ? known[i + 1]! : end), text }));
}

const round = (seconds: number) => Math.round(seconds * 10) / 10;
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(1).padStart(4, '0')}`;

/** What the story form gives the cue editor. */
export interface CueEditorProps {
  url: string;
  transcript: Localized | undefined;
  cues: TranscriptCue[] | undefined;
  durationSeconds: number | undefined;
  onChange: (cues: TranscriptCue[] | undefined) => void;
  /** The id the toggle button's `aria-controls` names. */
  panelId: string;
}

/**
 * Times a recording's transcript line by line, the way it is done on a phone: play the
 * recording and press "this line starts now" as each line begins (or type a start in seconds).
 * The cues reach the story only when every line has a start, in order; the public pages and the
 * hall's audio guide then highlight each line as it is heard. Loaded as a chunk of its own when
 * an editor opens it (`TranscriptTiming` in the story form).
 */
export function CueEditor({ url, transcript, cues, durationSeconds, onChange, panelId }: CueEditorProps) {
  const { t } = useWorkspace();
  const lines = transcriptLines(transcript);
  const [starts, setStarts] = useState<Array<number | null>>(() => lines.map((_, i) => cues?.[i]?.start ?? null));
  const [current, setCurrent] = useState(0);
  const audio = useRef<HTMLAudioElement>(null);
  const duration = () => (audio.current && Number.isFinite(audio.current.duration) ? audio.current.duration : (durationSeconds ?? Number.NaN));

  function update(next: Array<number | null>) {
    setStarts(next);
    const made = cuesFromStarts(lines, next, duration());
    if (made) onChange(made);
  }
  function mark() {
    const at = audio.current?.currentTime ?? 0;
    const next = starts.slice();
    next[current] = at;
    // Marking a line again re-times it; the later lines keep their starts only if still after it.
    for (let i = current + 1; i < next.length; i++) if (next[i] !== null && next[i]! <= at) next[i] = null;
    update(next);
    setCurrent(Math.min(current + 1, lines.length - 1));
  }
  function playFrom(i: number) {
    const start = starts[i];
    if (!audio.current || start === null || start === undefined) return;
    audio.current.currentTime = start;
    setCurrent(i);
    void audio.current.play().catch(() => undefined);
  }

  if (lines.length === 0)
    return (
      <p id={panelId} class="muted">
        {t('cuesNeedTranscript')}
      </p>
    );
  const done = starts.filter((s) => s !== null).length;
  const complete = cuesFromStarts(lines, starts, duration()) !== undefined;
  return (
    <div id={panelId} class="cue-editor" role="group" aria-label={t('cuesTitle')}>
      <p class="muted">{t('cuesHelp')}</p>
      <audio ref={audio} controls src={url} preload="auto" />
      <p class="cue-now">
        <strong>{t('cuesNext')}</strong> <span lang={lines[current]?.['zh-CN'] ? 'zh-CN' : 'en'}>{lines[current]?.['zh-CN'] ?? lines[current]?.en}</span>
      </p>
      <button type="button" class="button primary" onClick={mark}>
        {t('cuesMark')}
      </button>
      <ol class="cue-lines">
        {lines.map((line, i) => (
          <li key={`${i}`} aria-current={i === current ? 'step' : undefined}>
            <span lang={line['zh-CN'] ? 'zh-CN' : 'en'}>{line['zh-CN'] ?? line.en}</span>
            <label>
              <span class="visually-hidden">{t('cuesStartOf').replace('{n}', String(i + 1))}</span>
              <input
                type="number"
                inputMode="decimal"
                min="0"
                step="0.1"
                value={starts[i] === null ? '' : round(starts[i]!)}
                onChange={(e) => {
                  const raw = (e.currentTarget as HTMLInputElement).value;
                  const next = starts.slice();
                  next[i] = raw === '' ? null : Number(raw);
                  update(next);
                }}
              />
            </label>
            <button type="button" class="button" disabled={starts[i] === null} onClick={() => playFrom(i)}>
              <span class="visually-hidden">{t('cuesPlayFrom').replace('{n}', String(i + 1))} </span>
              {starts[i] === null ? '—' : clock(starts[i]!)}
            </button>
          </li>
        ))}
      </ol>
      <p role="status" class={complete ? 'muted' : 'field-error'}>
        {complete
          ? t('cuesReady').replace('{total}', String(lines.length))
          : done === lines.length
            ? t('cuesOutOfOrder')
            : t('cuesProgress').replace('{done}', String(done)).replace('{total}', String(lines.length))}
      </p>
      <button
        type="button"
        class="button"
        onClick={() => {
          setStarts(lines.map(() => null));
          setCurrent(0);
          onChange(undefined);
        }}
      >
        {t('cuesClear')}
      </button>
    </div>
  );
}
