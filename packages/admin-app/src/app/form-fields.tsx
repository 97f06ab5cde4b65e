import type { ComponentChildren } from 'preact';
import type { Loaded } from './form-state';
import { useWorkspace } from './workspace';

let counter = 0;
/** A stable-enough id for label/input pairs. */
export const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}-${++counter}`;

interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'email' | 'password' | 'search' | 'number' | 'url';
  inputMode?: 'decimal' | 'numeric' | 'text';
  required?: boolean;
  autoComplete?: string;
}

/** A labelled input with its server error under it, tied by aria-describedby. */
export function TextField(props: TextFieldProps) {
  const id = `field-${props.name.replace(/[^\w-]/g, '-')}`;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: props.name,
    value: props.value,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? errorId : undefined,
    required: props.required,
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...common} rows={props.rows ?? 4} />
      ) : (
        <input {...common} type={(props.type ?? 'text') as 'text'} inputMode={props.inputMode} autoComplete={props.autoComplete} />
      )}
      {props.error ? (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

interface SelectFieldProps {
  label: string;
  /** Read to screen readers after the label (which of several alike boxes this is), not shown. */
  labelHint?: string;
  name: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
  error?: string;
}

export function SelectField(props: SelectFieldProps) {
  const id = `field-${props.name.replace(/[^\w-]/g, '-')}`;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {props.label}
        {props.labelHint ? <span class="visually-hidden">: {props.labelHint}</span> : null}
      </label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** What the media library takes, per kind (the server decides from the bytes; this only filters the picker). */
export const ACCEPT = {
  image: 'image/jpeg,image/png,image/webp',
  audio: 'audio/mpeg,audio/mp4,audio/ogg,audio/wav',
  video: 'video/mp4,video/webm',
} as const;

interface FileFieldProps {
  /** The input's id (tests and labels find it by it). */
  id: string;
  /** The button's text. */
  label: string;
  accept: string;
  onFile: (file: File) => void;
  error?: string | undefined;
  disabled?: boolean | undefined;
}

/**
 * A file chooser drawn as a button: the input itself stays in the tab order (visually hidden,
 * its label is the button), its error under it tied by aria-describedby; the chosen file is
 * handed over once and the input cleared, so the same file can be chosen again.
 *
 * @example
 * <FileField id="hero-file" label={t('choosePhoto')} accept={ACCEPT.image} onFile={(f) => void upload(f)} error={errors.file} />
 */
export function FileField(props: FileFieldProps) {
  const errorId = `${props.id}-error`;
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label class="button file-button" for={props.id}>
        {props.label}
      </label>
      <input
        id={props.id}
        class="visually-hidden"
        type="file"
        accept={props.accept}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const file = input.files?.[0];
          input.value = '';
          if (file) props.onFile(file);
        }}
      />
      {props.error ? (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** A progress bar with its percentage for screen readers. */
export function UploadProgress({ label, fraction }: { label: string; fraction: number }) {
  const percent = Math.round(fraction * 100);
  return (
    <div class="progress">
      <progress max={100} value={percent} aria-label={label} />
      <span aria-hidden="true">{percent}%</span>
    </div>
  );
}

export function FormError({ message }: { message: string | null }) {
  return message ? (
    <p class="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** Moves focus to the first field marked invalid, so a keyboard or screen-reader user lands on it. */
export function focusFirstInvalid(): void {
  requestAnimationFrame(() => (document.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus());
}

export function Page({ title, children, actions }: { title: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="page" aria-labelledby="page-title">
      <header class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </header>
      {children}
    </section>
  );
}

/**
 * A screen whose data is not there: "loading", or why it failed with a button to try again
 * (the failure is announced; the retry button takes focus so a keyboard user is on it).
 */
export function LoadError({ message, onRetry, retryLabel }: { message: string; onRetry: () => void; retryLabel: string }) {
  return (
    <div class="form-error load-error" role="alert">
      <p>{message}</p>
      <button type="button" class="button" onClick={onRetry}>
        {retryLabel}
      </button>
    </div>
  );
}

/** The whole screen while its first load is pending or has failed, under the screen's title. */
export function LoadState({ title, state, onRetry }: { title: string; state: Loaded<unknown>; onRetry: () => void }) {
  const { t } = useWorkspace();
  return (
    <Page title={title}>
      {state.phase === 'failed' ? (
        <LoadError message={`${t('loadFailed')} ${state.message}`} onRetry={onRetry} retryLabel={t('retry')} />
      ) : (
        <p>{t('loading')}</p>
      )}
    </Page>
  );
}

/** Inside a screen: nothing when loaded, else "loading" or the failure with a retry button. */
export function LoadNotice({ state, onRetry }: { state: Loaded<unknown>; onRetry: () => void }) {
  const { t } = useWorkspace();
  if (state.phase === 'ready') return null;
  return state.phase === 'failed' ? (
    <LoadError message={`${t('loadFailed')} ${state.message}`} onRetry={onRetry} retryLabel={t('retry')} />
  ) : (
    <p>{t('loading')}</p>
  );
}
