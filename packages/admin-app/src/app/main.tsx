import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, SESSION_ENDED, setCsrfToken } from './api';
import { FormError, TextField } from './form-fields';
import { ImportView } from './import-view';
import type { Locale, MessageKey } from './messages';
import { OrderList } from './orders-view';
import { ProductForm, ProductList } from './products-view';
import { SettingsView } from './settings-view';
import { StoryForm, StoryList } from './stories-view';
import { translator, WorkspaceContext, type Role, type Workspace } from './workspace';

interface Membership {
  cooperativeSlug: string;
  role: Role;
}
interface Session {
  user: { email: string };
  memberships: Membership[];
  csrfToken: string;
}

const storedLocale = (): Locale => (localStorage.getItem('terroir-admin-locale') === 'en' ? 'en' : 'zh-CN');

// Simple line icons (24×24 paths): no icon font, no emoji font needed on the phone.
const ICONS = {
  products: 'M12 3c2 0 3 1.5 3 3 3 1 5 4 5 8a8 8 0 0 1-16 0c0-4 2-7 5-8 0-1.5 1-3 3-3zM12 3v3',
  stories: 'M4 4h7a3 3 0 0 1 3 3v13a2 2 0 0 0-2-2H4zM20 4h-4a3 3 0 0 0-2 1v15a2 2 0 0 1 2-2h4z',
  orders: 'M3 7l9-4 9 4v10l-9 4-9-4zM3 7l9 4 9-4M12 11v10',
  import: 'M12 3v12M7 10l5 5 5-5M4 17v3h16v-3',
  settings: 'M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0M14 4v4M8 10v4M16 16v4',
};
const NAV: Array<{ hash: string; key: MessageKey; roles: Role[]; icon: string }> = [
  { hash: '#/products', key: 'navProducts', roles: ['owner', 'editor', 'fulfilment'], icon: ICONS.products },
  { hash: '#/stories', key: 'navStories', roles: ['owner', 'editor'], icon: ICONS.stories },
  { hash: '#/orders', key: 'navOrders', roles: ['owner', 'fulfilment'], icon: ICONS.orders },
  { hash: '#/import', key: 'navImport', roles: ['owner', 'editor'], icon: ICONS.import },
  { hash: '#/settings', key: 'navSettings', roles: ['owner'], icon: ICONS.settings },
];

function Login({ locale, onLogin }: { locale: Locale; onLogin: (session: Session) => void }) {
  const { t } = translator(locale);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await api<Session>('POST', '/admin/api/session', { email, password }));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('wrongLogin') : e instanceof ApiError ? e.message : t('networkError'));
    } finally {
      setBusy(false);
    }
  }
  return (
    <main class="login">
      <h1>{t('appName')}</h1>
      <form class="form" onSubmit={submit}>
        <FormError message={error} />
        <TextField label={t('email')} name="email" type="email" value={email} onInput={setEmail} autoComplete="username" required />
        <TextField label={t('password')} name="password" type="password" value={password} onInput={setPassword} autoComplete="current-password" required />
        <button type="submit" class="button primary wide" disabled={busy}>
          {busy ? t('loggingIn') : t('login')}
        </button>
      </form>
    </main>
  );
}

function routeOf(hash: string): { view: string; id: string | null } {
  const [view = 'products', id = null] = hash.replace(/^#\/?/, '').split('/');
  return { view, id: id === 'new' ? null : id };
}

function App() {
  const [locale, setLocale] = useState<Locale>(storedLocale);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [hash, setHash] = useState(location.hash || '#/products');
  const [message, setMessage] = useState('');
  const dirty = useRef(false);
  const lastHash = useRef(hash);
  const { t, label, errorText } = translator(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    localStorage.setItem('terroir-admin-locale', locale);
  }, [locale]);

  useEffect(() => {
    // Any 401 after login means the session is gone: back to the login form (edits stay in memory until then).
    const ended = () => setSession((current) => (current ? null : current));
    addEventListener(SESSION_ENDED, ended);
    return () => removeEventListener(SESSION_ENDED, ended);
  }, []);

  useEffect(() => {
    api<Session>('GET', '/admin/api/me').then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      },
      () => setSession(null),
    );
  }, []);

  // Unsaved edits: ask before the tab closes, and before any in-app move (links, back button).
  useEffect(() => {
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    const hashChange = () => {
      if (location.hash === lastHash.current) return;
      if (dirty.current && !confirm(t('unsaved'))) {
        history.replaceState(null, '', lastHash.current);
        return;
      }
      dirty.current = false;
      lastHash.current = location.hash;
      setHash(location.hash);
    };
    addEventListener('beforeunload', beforeUnload);
    addEventListener('hashchange', hashChange);
    return () => {
      removeEventListener('beforeunload', beforeUnload);
      removeEventListener('hashchange', hashChange);
    };
  }, [locale]);

  // A new page: move focus to its heading so screen readers announce where we are.
  useEffect(() => {
    requestAnimationFrame(() => (document.getElementById('page-title') as HTMLElement | null)?.focus());
  }, [hash, session]);

  const navigate = useCallback((to: string) => {
    if (to === location.hash) return;
    location.hash = to;
  }, []);

  const membership = session?.memberships[0];
  const workspace = useMemo<Workspace | null>(
    () =>
      membership
        ? {
            locale,
            t,
            label,
            errorText,
            coop: membership.cooperativeSlug,
            role: membership.role,
            base: `/admin/api/coops/${membership.cooperativeSlug}`,
            navigate,
            setDirty: (value) => {
              dirty.current = value;
            },
            announce: (text) => {
              setMessage('');
              requestAnimationFrame(() => setMessage(text));
            },
          }
        : null,
    [locale, membership?.cooperativeSlug, membership?.role],
  );

  const switcher = (
    <button type="button" class="lang" lang={locale === 'zh-CN' ? 'en' : 'zh-CN'} title={t('languageLabel')} onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
      {t('language')}
    </button>
  );

  if (session === undefined) return <p class="center">{t('loading')}</p>;
  if (session === null || !workspace) {
    return (
      <>
        <header class="topbar">{switcher}</header>
        <Login
          locale={locale}
          onLogin={(s) => {
            setCsrfToken(s.csrfToken);
            setSession(s);
          }}
        />
      </>
    );
  }

  const { view, id } = routeOf(hash);
  const allowed = NAV.find((n) => n.hash === `#/${view}`)?.roles.includes(workspace.role) ?? false;
  const firstAllowed = NAV.find((n) => n.roles.includes(workspace.role))!;
  let page;
  if (!allowed) page = <p class="form-error">{t('forbidden')} <a href={firstAllowed.hash}>{t(firstAllowed.key)}</a></p>;
  else if (view === 'products') page = id !== null || hash.endsWith('/new') ? <ProductForm key={hash} id={id} /> : <ProductList />;
  else if (view === 'stories') page = id !== null || hash.endsWith('/new') ? <StoryForm key={hash} id={id} /> : <StoryList />;
  else if (view === 'orders') page = <OrderList />;
  else if (view === 'settings') page = <SettingsView />;
  else page = <ImportView />;

  async function logout() {
    await api('DELETE', '/admin/api/session').catch(() => undefined);
    setSession(null);
  }

  return (
    <WorkspaceContext.Provider value={workspace}>
      <header class="topbar">
        <span class="brand">{t('appName')} · {workspace.coop}</span>
        {switcher}
        <button type="button" class="link" onClick={() => void logout()}>
          {t('logout')}
        </button>
      </header>
      <main id="main">{page}</main>
      <div class="visually-hidden" role="status" aria-live="polite">
        {message}
      </div>
      <nav class="bottom-nav" aria-label={t('appName')}>
        {NAV.filter((n) => n.roles.includes(workspace.role)).map((n) => (
          <a key={n.hash} href={n.hash} aria-current={`#/${view}` === n.hash ? 'page' : undefined}>
            <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
              <path d={n.icon} />
            </svg>
            {t(n.key)}
          </a>
        ))}
      </nav>
    </WorkspaceContext.Provider>
  );
}

render(<App />, document.getElementById('app')!);
