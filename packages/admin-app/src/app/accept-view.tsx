import { useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { FormError, TextField } from './form-fields';
import type { Locale } from './messages';
import { translator } from './workspace';

export interface AcceptedInvitation {
  cooperative: { id: string; slug: string; name: unknown };
  role: string;
}

/**
 * `#/accept/<code>`: the invitee's side of an invitation. Signed in, one button accepts it;
 * not signed in, the person chooses a password (a new account for the invited email) or signs
 * in first when they have an account already.
 */
export function AcceptInvitation(props: {
  locale: Locale;
  code: string;
  signedInAs: string | null;
  onAccepted: (result: AcceptedInvitation) => void;
  onSignIn: () => void;
  onSignOut: () => void;
}) {
  const { t, errorText, errorMessage } = translator(props.locale);
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  // What the server said that changes the way forward: sign in instead, or the code is dead.
  const [outcome, setOutcome] = useState<'sign_in' | 'invalid' | 'mismatch' | null>(null);
  const [busy, setBusy] = useState(false);

  async function accept(event: Event) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const body = props.signedInAs ? { code: props.code } : { code: props.code, password, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) };
      props.onAccepted(await api<AcceptedInvitation>('POST', '/admin/api/invitations/accept', body));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'sign_in_to_accept') setOutcome('sign_in');
      else if (e instanceof ApiError && e.code === 'invitation_invalid') setOutcome('invalid');
      else if (e instanceof ApiError && e.code === 'invitation_email_mismatch') setOutcome('mismatch');
      else if (e instanceof ApiError && e.status !== 0 && (e.field || e.issues.length)) setErrors(e.fieldErrors(errorText));
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login" id="main">
      <h1 id="page-title" tabIndex={-1}>
        {t('acceptTitle')}
      </h1>
      {outcome === 'invalid' ? (
        <p class="form-error" role="alert">
          {t('invitationInvalid')}
        </p>
      ) : outcome === 'mismatch' ? (
        <div class="form-error" role="alert">
          <p>{t('invitationMismatch').replace('{email}', props.signedInAs ?? '')}</p>
          <button
            type="button"
            class="button"
            onClick={() => {
              setOutcome(null);
              props.onSignOut();
            }}
          >
            {t('logout')}
          </button>
        </div>
      ) : outcome === 'sign_in' ? (
        <div class="notice" role="alert">
          <p>{t('signInToAccept')}</p>
          <button type="button" class="button primary wide" onClick={props.onSignIn}>
            {t('login')}
          </button>
        </div>
      ) : (
        <form class="form" onSubmit={accept} noValidate>
          <FormError message={error} />
          {props.signedInAs ? (
            <p>{t('acceptAs').replace('{email}', props.signedInAs)}</p>
          ) : (
            <>
              <p>{t('acceptNewAccount')}</p>
              <TextField label={t('yourName')} name="displayName" value={displayName} onInput={setDisplayName} autoComplete="name" error={errors.displayName} />
              <TextField
                label={t('choosePassword')}
                name="password"
                type="password"
                value={password}
                onInput={setPassword}
                autoComplete="new-password"
                required
                error={errors.password}
              />
            </>
          )}
          <p class="muted">
            {t('invitationCode')}: <code>{props.code}</code>
          </p>
          {errors.code ? <p class="field-error">{errors.code}</p> : null}
          <button type="submit" class="button primary wide" disabled={busy}>
            {t('acceptInvitation')}
          </button>
          {props.signedInAs ? null : (
            <button type="button" class="link" onClick={props.onSignIn}>
              {t('haveAccount')}
            </button>
          )}
        </form>
      )}
      <p>
        <a href="#/products">{t('backToWorkspace')}</a>
      </p>
    </main>
  );
}
