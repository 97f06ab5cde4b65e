import { useEffect, useState } from 'preact/hooks';

/** What a widget knows about one API read. */
export type Resource<T> = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; data: T };

/**
 * Loads `load()` whenever `key` changes (a live attribute changed); stale answers are ignored.
 * Returns the resource and a retry function.
 *
 * @example
 * const [product, retry] = useResource(`${coop}/${slug}/${lang}`, () => storefront.product(config, slug));
 */
export function useResource<T>(key: string, load: () => Promise<T>): [Resource<T>, () => void] {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setResource({ state: 'loading' });
    load().then(
      (data) => current && setResource({ state: 'ready', data }),
      (error: unknown) => current && setResource({ state: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);
  // A new retry function each render is fine: it is only ever an onClick handler.
  return [resource, () => setAttempt((n) => n + 1)];
}
