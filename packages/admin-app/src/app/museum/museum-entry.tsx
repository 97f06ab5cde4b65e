/**
 * The museum section as the shell sees it: its routes and roles, and a page that loads the
 * museum screens on first use (their date rules come from core and weigh more than the rest of
 * the app; staff who never open the museum never download them).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { LoadError } from '../form-fields';
import { useWorkspace, type Role } from '../workspace';

const EDITORS: Role[] = ['owner', 'editor'];

/** Every museum view and the roles that may open it (mirrors `MUSEUM` in the server's museum routes: owners and editors). */
export const MUSEUM_SCREENS: Record<string, Role[]> = {
  museum: EDITORS,
  'museum-chronicle': EDITORS,
  'museum-places': EDITORS,
  'museum-people': EDITORS,
  'museum-halls': EDITORS,
  'museum-memories': EDITORS,
};

type Screens = typeof import('./museum-screens');
let loading: Promise<Screens> | null = null;
let loaded: Screens | null = null;

/**
 * A museum route's page, loading the museum screens first (with "loading" and a retry on failure).
 *
 * @example
 * if (view in MUSEUM_SCREENS) page = <MuseumPage view={view} id={id} hash={hash} />;
 */
export function MuseumPage({ view, id, hash }: { view: string; id: string | null; hash: string }): JSX.Element {
  const { t } = useWorkspace();
  const [screens, setScreens] = useState<Screens | null>(loaded);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (loaded) return;
    loading ??= import('./museum-screens');
    loading.then(
      (s) => {
        loaded = s;
        setScreens(s);
      },
      () => {
        loading = null;
        setFailed(true);
      },
    );
  }, [attempt]);
  if (screens) return screens.museumPage(view, id, hash) ?? <p class="form-error">{t('forbidden')}</p>;
  if (failed)
    return (
      <LoadError
        message={`${t('loadFailed')} ${t('networkError')}`}
        retryLabel={t('retry')}
        onRetry={() => {
          setFailed(false);
          setAttempt((n) => n + 1);
        }}
      />
    );
  return <p>{t('loading')}</p>;
}
