import { useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { FormError, Page, TextField, focusFirstInvalid } from './form-fields';
import { useWorkspace } from './workspace';

interface Enrolment {
  secret: string;
  otpauthUrl: string;
}

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: easier to type into an authenticator app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * The signed-in person's own account: two-factor sign-in with an authenticator app (turn on:
 * secret and otpauth link, one code to confirm, recovery codes shown once; turn off with the
 * password).
 */
export function AccountView({ email, notice }: { email: string; notice: string | null }) {
  const { t, announce, errorText, errorMessage } = useWorkspace();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<'on' | 'off' | null>(null);

  async function run(work: () => Promise<void>) {
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      await work();
    } catch (e) {
      if (e instanceof ApiError && e.status !== 0 && e.field) {
        setErrors(e.fieldErrors(errorText));
        focusFirstInvalid();
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const begin = () =>
    run(async () => {
      setEnrolment(await api<Enrolment>('POST', '/admin/api/me/two-factor'));
      setRecoveryCodes(null);
      requestAnimationFrame(() => document.getElementById('field-totp-code')?.focus());
    });

  const confirmCode = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const result = await api<{ recoveryCodes: string[] }>('POST', '/admin/api/me/two-factor/confirm', { code: code.replace(/\s/g, '') });
      setRecoveryCodes(result.recoveryCodes);
      setEnrolment(null);
      setCode('');
      setStatus('on');
      announce(t('twoFactorOn'));
      requestAnimationFrame(() => document.getElementById('recovery-codes')?.focus());
    });
  };

  const turnOff = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      await api('DELETE', '/admin/api/me/two-factor', { password });
      setPassword('');
      setStatus('off');
      setRecoveryCodes(null);
      announce(t('twoFactorOff'));
    });
  };

  return (
    <Page title={t('navAccount')}>
      <p>
        {t('signedInAs')} <strong>{email}</strong>
      </p>
      {notice && status !== 'on' ? (
        <p class="form-error" role="alert">
          {notice}
        </p>
      ) : null}
      <FormError message={error} />
      <section class="panel" aria-labelledby="two-factor-title">
        <h2 id="two-factor-title">{t('twoFactor')}</h2>
        <p class="muted">{t('twoFactorHelp')}</p>
        {status ? <p class="notice">{status === 'on' ? t('twoFactorOn') : t('twoFactorOff')}</p> : null}

        {recoveryCodes ? (
          <section class="recovery" id="recovery-codes" tabIndex={-1} aria-labelledby="recovery-title">
            <h3 id="recovery-title">{t('recoveryCodes')}</h3>
            <p>{t('recoveryHelp')}</p>
            <ol class="codes">
              {recoveryCodes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ol>
            <button type="button" class="button primary" onClick={() => setRecoveryCodes(null)}>
              {t('savedThem')}
            </button>
          </section>
        ) : enrolment ? (
          <form class="form" onSubmit={confirmCode} noValidate>
            <ol class="steps">
              <li>
                {t('enrolStep1')}{' '}
                <a href={enrolment.otpauthUrl} class="otpauth">
                  {t('openAuthenticator')}
                </a>
              </li>
              <li>
                {t('enrolStep2')}
                <div class="secret" role="group" aria-label={t('secretKey')}>
                  <code>{grouped(enrolment.secret)}</code>
                </div>
              </li>
              <li>{t('enrolStep3')}</li>
            </ol>
            <TextField
              label={t('sixDigitCode')}
              name="totp-code"
              value={code}
              onInput={setCode}
              inputMode="numeric"
              autoComplete="one-time-code"
              error={errors.code}
              required
            />
            <div class="actions">
              <button type="submit" class="button primary" disabled={busy}>
                {t('confirmCode')}
              </button>
              <button type="button" class="button" onClick={() => setEnrolment(null)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" class="button primary" disabled={busy} onClick={() => void begin()}>
            {t('turnOnTwoFactor')}
          </button>
        )}

        <form class="form" onSubmit={turnOff} noValidate>
          <fieldset>
            <legend>{t('turnOffTwoFactor')}</legend>
            <TextField
              label={t('password')}
              name="password"
              type="password"
              value={password}
              onInput={setPassword}
              autoComplete="current-password"
              error={errors.password}
            />
            <button type="submit" class="button" disabled={busy || !password}>
              {t('turnOffTwoFactor')}
            </button>
          </fieldset>
        </form>
      </section>
    </Page>
  );
}
