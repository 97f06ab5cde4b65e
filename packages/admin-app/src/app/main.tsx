import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { AcceptInvitation } from './accept-view';
import { AccountView } from './account-view';
import { api, ApiError, SESSION_ENDED, setCsrfToken, TWO_FACTOR_REQUIRED } from './api';
import { AuditView } from './audit-view';
import { SearchMissesView } from './search-misses-view';
import { FormError, TextField } from './form-fields';
import { ImportView } from './import-view';
import { MembersView } from './members-view';
import type { Locale, MessageKey } from './messages';
import { MoreView, MORE_LINKS } from './more-view';
import { MUSEUM_SCREENS, MuseumPage } from './museum/museum-entry';
import { OrderList } from './orders-view';
import { ProducerForm, ProducerList } from './producers-view';
import { ProductForm, ProductList } from './products-view';
import { SettingsView } from './settings-view';
import { StoryForm, StoryList } from './stories-view';
import { formatMoney, translator, WorkspaceContext, type Role, type Workspace } from './workspace';

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
  more: 'M4 6h16M4 12h16M4 18h16',
};
const NAV: Array<{ hash: string; key: MessageKey; roles: Role[]; icon: string }> = [
  { hash: '#/products', key: 'navProducts', roles: ['owner', 'editor', 'fulfilment'], icon: ICONS.products },
  { hash: '#/stories', key: 'navStories', roles: ['owner', 'editor'], icon: ICONS.stories },
  { hash: '#/orders', key: 'navOrders', roles: ['owner', 'fulfilment'], icon: ICONS.orders },
  { hash: '#/import', key: 'navImport', roles: ['owner', 'editor'], icon: ICONS.import },
  { hash: '#/more', key: 'navMore', roles: ['owner', 'editor', 'fulfilment'], icon: ICONS.more },
];

/** Every screen and who may open it; the ones reached through "More" light up that tab. */
const SCREENS: Record<string, Role[]> = {
  products: ['owner', 'editor', 'fulfilment'],
  stories: ['owner', 'editor'],
  orders: ['owner', 'fulfilment'],
  import: ['owner', 'editor'],
  more: ['owner', 'editor', 'fulfilment'],
  ...Object.fromEntries(MORE_LINKS.map((l) => [l.view, l.roles])),
  ...MUSEUM_SCREENS,
};

/** Sign-in: email and password, then (when the account has two-factor on) the code from the authenticator app. */
function Login({ locale, onLogin }: { locale: Locale; onLogin: (session: Session) => void }) {
  const { t, errorText } = translator(locale);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (challenge) {
        onLogin(await api<Session>('POST', '/admin/api/session/two-factor', { challenge, code: code.replace(/\s/g, '') }));
        return;
      }
      const answer = await api<Session | { twoFactorRequired: true; challenge: string }>('POST', '/admin/api/session', { email, password });
      if ('twoFactorRequired' in answer) {
        setChallenge(answer.challenge);
        requestAnimationFrame(() => document.getElementById('field-code')?.focus());
      } else onLogin(answer);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'challenge_expired') {
        // Too slow, or the challenge was used: start again from the password.
        setChallenge(null);
        setCode('');
        setError(t('challengeExpired'));
      } else if (e instanceof ApiError && e.code === 'invalid_code') setError(t('wrongCode'));
      else
        setError(
          e instanceof ApiError && e.status === 401
            ? t('wrongLogin')
            : e instanceof ApiError && e.status !== 0
              ? errorText(e.code, e.message)
              : t('networkError'),
        );
    } finally {
      setBusy(false);
    }
  }
  return (
    <main class="login" id="main">
      <h1 id="page-title" tabIndex={-1}>
        {t('appName')}
      </h1>
      <form class="form" onSubmit={submit}>
        <FormError message={error} />
        {challenge ? (
          <>
            <p>{t('enterCode')}</p>
            <TextField label={t('twoFactorCode')} name="code" value={code} onInput={setCode} inputMode="numeric" autoComplete="one-time-code" required />
          </>
        ) : (
          <>
            <TextField label={t('email')} name="email" type="email" value={email} onInput={setEmail} autoComplete="username" required />
            <TextField label={t('password')} name="password" type="password" value={password} onInput={setPassword} autoComplete="current-password" required />
          </>
        )}
        <button type="submit" class="button primary wide" disabled={busy}>
          {busy ? t('loggingIn') : challenge ? t('verify') : t('login')}
        </button>
      </form>
    </main>
  );
}

function routeOf(hash: string): { view: string; id: string | null } {
  const [view = '', id = null] = hash.replace(/^#\/?/, '').split('/');
  return { view: view || 'products', id: id === 'new' || id === '' ? null : id };
}

function App() {
  const [locale, setLocale] = useState<Locale>(storedLocale);
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [hash, setHash] = useState(location.hash || '#/products');
  const [message, setMessage] = useState('');
  const [coopSlug, setCoopSlug] = useState<string | null>(null);
  const [currency, setCurrency] = useState('CNY');
  const [accountNotice, setAccountNotice] = useState<string | null>(null);
  // Opening an invitation link while signed out: after signing in, come back to it.
  const [signingInToAccept, setSigningInToAccept] = useState(false);
  const dirty = useRef(false);
  const lastHash = useRef(hash);
  const { t, label, errorText, errorMessage } = translator(locale);

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
    // The cooperative requires owners to use two-factor: take this owner to where it is turned on.
    const required = () => {
      setAccountNotice(translator(locale).t('twoFactorRequiredNotice'));
      if (location.hash !== '#/account') location.hash = '#/account';
    };
    addEventListener(TWO_FACTOR_REQUIRED, required);
    return () => removeEventListener(TWO_FACTOR_REQUIRED, required);
  }, [locale]);

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
    // The hash may have changed between the first render and this effect (a link opened at once): catch up.
    if (location.hash) hashChange();
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

  const membership = session?.memberships.find((m) => m.cooperativeSlug === coopSlug) ?? session?.memberships[0];

  // Prices are shown in the cooperative's currency (every role may read the settings).
  useEffect(() => {
    if (!membership) return;
    api<{ settings: { currency?: string } }>('GET', `/admin/api/coops/${membership.cooperativeSlug}/settings`).then(
      (r) => setCurrency(r.settings.currency ?? 'CNY'),
      () => undefined,
    );
  }, [membership?.cooperativeSlug]);
  const workspace = useMemo<Workspace | null>(
    () =>
      membership
        ? {
            locale,
            t,
            label,
            errorText,
            errorMessage,
            currency,
            money: (minor, other) => formatMoney(minor, other ?? currency, locale),
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
    [locale, membership?.cooperativeSlug, membership?.role, currency],
  );

  const switcher = (
    <button
      type="button"
      class="lang"
      lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
      title={t('languageLabel')}
      onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {t('language')}
    </button>
  );

  async function logout() {
    await api('DELETE', '/admin/api/session').catch(() => undefined);
    setSession(null);
  }
  const signIn = (s: Session) => {
    setCsrfToken(s.csrfToken);
    setSession(s);
  };
  const { view, id } = routeOf(hash);

  if (session === undefined) return <p class="center">{t('loading')}</p>;

  // An invitation link works signed in or not (the invitee may have no account yet).
  if (view === 'accept' && id && !signingInToAccept) {
    return (
      <>
        <header class="topbar">
          <span class="brand">{t('appName')}</span>
          {switcher}
        </header>
        <AcceptInvitation
          locale={locale}
          code={id}
          signedInAs={session?.user.email ?? null}
          onSignIn={() => setSigningInToAccept(true)}
          onSignOut={() => void logout()}
          onAccepted={async (accepted) => {
            // The answer may carry a new session (a new account); /me has the memberships either way.
            const me = await api<Session>('GET', '/admin/api/me');
            signIn(me);
            setCoopSlug(accepted.cooperative.slug);
            navigate('#/products');
          }}
        />
      </>
    );
  }

  if (session === null || !workspace) {
    return (
      <>
        <header class="topbar">
          <span class="brand">{t('appName')}</span>
          {switcher}
        </header>
        {session && !workspace ? <p class="form-error">{t('noMembership')}</p> : null}
        <Login
          locale={locale}
          onLogin={(s) => {
            signIn(s);
            setSigningInToAccept(false);
          }}
        />
      </>
    );
  }

  const roles = SCREENS[view];
  const allowed = roles?.includes(workspace.role) ?? false;
  const firstAllowed = NAV.find((n) => n.roles.includes(workspace.role))!;
  const isNew = hash.endsWith('/new');
  let page: preact.JSX.Element;
  if (!allowed)
    page = (
      <p class="form-error">
        {t('forbidden')} <a href={firstAllowed.hash}>{t(firstAllowed.key)}</a>
      </p>
    );
  else if (view === 'products') page = id !== null || isNew ? <ProductForm key={hash} id={id} /> : <ProductList />;
  else if (view === 'stories') page = id !== null || isNew ? <StoryForm key={hash} id={id} /> : <StoryList />;
  else if (view === 'producers') page = id !== null || isNew ? <ProducerForm key={hash} id={id} /> : <ProducerList />;
  else if (view === 'orders') page = <OrderList />;
  else if (view === 'settings') page = <SettingsView />;
  else if (view === 'members') page = <MembersView userEmail={session.user.email} />;
  else if (view === 'audit') page = <AuditView />;
  else if (view === 'search-misses') page = <SearchMissesView />;
  else if (view === 'account') page = <AccountView email={session.user.email} notice={accountNotice} />;
  else if (view in MUSEUM_SCREENS) page = <MuseumPage key={hash} view={view} id={id} hash={hash} />;
  else if (view === 'more') page = <MoreView memberships={session.memberships} current={workspace.coop} onSwitch={(slug) => setCoopSlug(slug)} />;
  else page = <ImportView />;
  const tab = NAV.some((n) => n.hash === `#/${view}`) ? `#/${view}` : '#/more';

  return (
    <WorkspaceContext.Provider value={workspace}>
      <header class="topbar">
        <span class="brand">
          {t('appName')} · {workspace.coop}
        </span>
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
          <a key={n.hash} href={n.hash} aria-current={tab === n.hash ? 'page' : undefined}>
            <svg
              aria-hidden="true"
              width="24"
              height="24"
              viewBox="0 0 24 24"
              fill="none"
              stroke="currentColor"
              stroke-width="2"
              stroke-linecap="round"
              stroke-linejoin="round"
            >
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
