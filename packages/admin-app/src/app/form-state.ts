import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { focusFirstInvalid } from './form-fields';
import { useWorkspace } from './workspace';

/** What a screen's first load came to: still waiting, the data, or a failure to show with a retry button. */
export type Loaded<T> = { phase: 'loading' } | { phase: 'ready'; data: T } | { phase: 'failed'; message: string };

/**
 * Loads a screen's data and keeps the failure visible (with `retry`) instead of an empty page.
 * `reload` fetches again without going back to the loading state (after a change); a later
 * answer always wins over an earlier one.
 *
 * @example
 * const members = useLoad(() => api<{ items: Member[] }>('GET', `${base}/members`), [base]);
 * if (members.state.phase === 'failed') return <LoadError message={members.state.message} onRetry={members.retry} />;
 */
export function useLoad<T>(fetcher: () => Promise<T>, deps: unknown[]) {
  const { errorMessage } = useWorkspace();
  const [state, setState] = useState<Loaded<T>>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const run = useCallback(
    (quiet: boolean) => {
      const ticket = ++latest.current;
      if (!quiet) setState({ phase: 'loading' });
      return fetcher().then(
        (data) => {
          if (ticket === latest.current) setState({ phase: 'ready', data });
        },
        (error: unknown) => {
          if (ticket === latest.current) setState({ phase: 'failed', message: errorMessage(error) });
        },
      );
    },
    // The caller's deps decide when the fetcher means something new.
    deps,
  );
  // A new query (filter, search) keeps the old rows on screen until the new ones arrive; a
  // retry after a failure shows "loading" again.
  const shown = useRef(false);
  shown.current = state.phase === 'ready';
  useEffect(() => void run(shown.current), [run]);
  useEffect(() => {
    if (attempt > 0) void run(false);
  }, [attempt]);
  return {
    state,
    data: state.phase === 'ready' ? state.data : null,
    retry: () => setAttempt((n) => n + 1),
    reload: () => run(true),
    /** Changes the loaded data in place (an item removed, a row updated) without a round trip. */
    setData: (update: (data: T) => T) => setState((s) => (s.phase === 'ready' ? { phase: 'ready', data: update(s.data) } : s)),
  };
}

export interface FormState<T> {
  /** The first load (`ready` at once for a new record). */
  loaded: Loaded<T>;
  retry: () => void;
  values: T;
  /** Sets one field and marks the form as having unsaved edits. */
  set: <K extends keyof T>(key: K, value: T[K]) => void;
  /** Changes several fields at once (marks unsaved edits). */
  update: (change: (values: T) => T) => void;
  /** Puts the form back to `values` with nothing unsaved (after sending a one-off form such as an invitation). */
  reset: (values: T) => void;
  errors: Record<string, string>;
  setErrors: (update: (errors: Record<string, string>) => Record<string, string>) => void;
  formError: string | null;
  saving: boolean;
  dirty: boolean;
  /**
   * Saves: clears the old errors, runs `work`, and on an API error puts each message on its
   * field (focusing the first), or above the form. Resolves to whether it saved.
   */
  submit: (work: (values: T) => Promise<void>) => Promise<boolean>;
}

/**
 * The plumbing every edit form shares: first load with a retry on failure, field values,
 * unsaved-edit tracking (the app asks before leaving), saving, and server errors shown on
 * their fields.
 *
 * @example
 * const form = useFormState({ initial: { name: '' }, load: id ? () => api('GET', url).then(toDraft) : null, deps: [id] });
 * <TextField label={t('name')} name="name" value={form.values.name} onInput={(v) => form.set('name', v)} error={form.errors.name} />
 * <form onSubmit={(e) => { e.preventDefault(); void form.submit((v) => api('PATCH', url, v)); }}>
 */
export function useFormState<T>(options: { initial: T; load: (() => Promise<T>) | null; deps: unknown[] }): FormState<T> {
  const { t, setDirty, announce, errorText, errorMessage } = useWorkspace();
  const [values, setValues] = useState<T>(options.initial);
  const [errors, setErrorMap] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [dirty, setDirtyState] = useState(false);
  const loader = useLoad<T | null>(() => (options.load ? options.load() : Promise.resolve(null)), options.deps);

  // A fresh load replaces the values (and is, by definition, saved). A new record has nothing to load.
  useEffect(() => {
    if (!options.load || loader.state.phase !== 'ready') return;
    if (loader.state.data !== null) setValues(loader.state.data);
    setDirtyState(false);
    setDirty(false);
  }, [loader.state]);

  const markDirty = () => {
    setDirtyState(true);
    setDirty(true);
  };

  return {
    loaded:
      !options.load || loader.state.phase === 'ready'
        ? { phase: 'ready', data: values }
        : loader.state.phase === 'failed'
          ? loader.state
          : { phase: 'loading' },
    retry: loader.retry,
    values,
    set: (key, value) => {
      setValues((v) => ({ ...v, [key]: value }));
      markDirty();
    },
    update: (change) => {
      setValues(change);
      markDirty();
    },
    reset: (next) => {
      setValues(next);
      setDirtyState(false);
      setDirty(false);
    },
    errors,
    setErrors: setErrorMap,
    formError,
    saving,
    dirty,
    async submit(work) {
      setSaving(true);
      setErrorMap({});
      setFormError(null);
      announce(t('saving'));
      try {
        await work(values);
        setDirtyState(false);
        setDirty(false);
        announce(t('saved'));
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.status !== 0) {
          const byField = error.fieldErrors(errorText);
          setErrorMap(byField);
          const message = Object.keys(byField).length ? t('fixErrors') : errorText(error.code, error.message);
          setFormError(message);
          announce(message);
          focusFirstInvalid();
        } else {
          setFormError(errorMessage(error));
          announce(errorMessage(error));
        }
        return false;
      } finally {
        setSaving(false);
      }
    },
  };
}
