import { useState } from 'preact/hooks';
import { api, ApiError, sendWithProgress } from './api';
import { ACCEPT, FileField, FormError, LoadNotice, LoadState, Page, TextField, UploadProgress, focusFirstInvalid } from './form-fields';
import { useLoad } from './form-state';
import { checkOrigin } from './origin-check';
import { useWorkspace, yuanToFen } from './workspace';

interface Localized {
  'zh-CN'?: string;
  en?: string;
}
type Option = (
  | { id: string; kind: 'pickup'; name: Localized; address: Localized; hours: Localized }
  | { id: string; kind: 'delivery'; name: Localized; flatFeeMinor: number | null; regionFees: Record<string, number> }
) & { offlinePayment?: boolean; offlineHoldMinutes?: number };
interface Checkout {
  paymentMethods: string[];
  maxLineQuantity: number;
  /** Pay at pickup / on delivery (cash or a transfer at the stall). */
  offlinePayment?: boolean;
}

const METHODS = ['card', 'alipay', 'wechat_pay'] as const;

interface HeroImage {
  url: string;
  alt: Localized;
  width?: number;
  height?: number;
}

interface CoopSettings {
  allowedOrigins: string[];
  requireOwnerTwoFactor?: boolean;
  /** The home page's top picture; absent: the pages use the first product's picture. */
  heroImage?: HeroImage;
}

/**
 * The picture at the top of the shop's home page: upload a photo (the media library checks
 * it) or give an address, with a description in both languages; saved as one setting.
 * Removing it brings back the first product's picture.
 */
function HomeHeroImage({ settings, onSaved }: { settings: CoopSettings; onSaved: (s: CoopSettings) => void }) {
  const { t, base, announce, errorMessage, errorText } = useWorkspace();
  const current = settings.heroImage;
  const [url, setUrl] = useState(current?.url ?? '');
  const [altZh, setAltZh] = useState(current?.alt['zh-CN'] ?? '');
  const [altEn, setAltEn] = useState(current?.alt.en ?? '');
  const [size, setSize] = useState<{ width?: number; height?: number }>({ width: current?.width, height: current?.height });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(heroImage: HeroImage | null, done: string) {
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      const result = await api<{ settings: CoopSettings }>('PATCH', `${base}/settings`, { heroImage });
      onSaved(result.settings);
      if (!heroImage) {
        setUrl('');
        setAltZh('');
        setAltEn('');
        setSize({});
      }
      announce(done);
    } catch (e) {
      if (e instanceof ApiError && e.status !== 0) {
        const fields = e.fieldErrors(errorText);
        // heroImage.url → url, heroImage.alt.zh-CN → alt.zh-CN: the names of the boxes below.
        setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^heroImage\.?/, '') || 'url', v])));
        setFormError(errorText(e.code, e.message));
        focusFirstInvalid();
      } else setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function upload(file: File) {
    setErrors({});
    const data = new FormData();
    data.set('file', file);
    data.set('alt.zh-CN', altZh);
    data.set('alt.en', altEn);
    setProgress(0);
    try {
      const { media } = await sendWithProgress<{ media: { url: string; width: number; height: number } }>('POST', `${base}/media`, data, setProgress);
      setUrl(media.url);
      setSize({ width: media.width, height: media.height });
      announce(t('uploaded'));
    } catch (error) {
      if (error instanceof ApiError) setErrors({ [error.field === 'alt' ? 'alt.zh-CN' : 'file']: errorText(error.code, error.message) });
      focusFirstInvalid();
    } finally {
      setProgress(null);
    }
  }

  return (
    <form
      class="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!url.trim()) {
          setErrors({ url: t('heroImageMissing') });
          focusFirstInvalid();
          return;
        }
        const alt: Localized = { ...(altZh.trim() ? { 'zh-CN': altZh.trim() } : {}), ...(altEn.trim() ? { en: altEn.trim() } : {}) };
        // A typed address has no known size; an uploaded photo keeps the size the library measured.
        const keepSize = url.trim() === (current?.url ?? '') || size.width !== undefined ? size : {};
        void save(
          { url: url.trim(), alt, ...(keepSize.width ? { width: keepSize.width } : {}), ...(keepSize.height ? { height: keepSize.height } : {}) },
          t('saved'),
        );
      }}
    >
      <fieldset>
        <legend>{t('heroImage')}</legend>
        <p class="muted">{t('heroImageHelp')}</p>
        <FormError message={formError} />
        {url ? <img class="hero-preview" src={url} alt={altZh || altEn} width={size.width ?? 320} height={size.height ?? 180} /> : null}
        <TextField
          label={t('heroImageUrl')}
          name="url"
          type="url"
          value={url}
          onInput={(v) => {
            setUrl(v);
            setSize({});
          }}
          error={errors.url}
          autoComplete="off"
        />
        <TextField label={t('altZh')} name="alt.zh-CN" value={altZh} onInput={setAltZh} error={errors['alt.zh-CN'] ?? errors.alt} />
        <TextField label={t('altEn')} name="alt.en" value={altEn} onInput={setAltEn} error={errors['alt.en']} />
        <FileField id="hero-file" label={t('choosePhoto')} accept={ACCEPT.image} onFile={(file) => void upload(file)} error={errors.file} />
        {progress !== null ? <UploadProgress label={t('uploading')} fraction={progress} /> : null}
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy || progress !== null}>
            {t('save')}
          </button>
          {current ? (
            <button type="button" class="link danger" disabled={busy} onClick={() => void save(null, t('heroImageRemoved'))}>
              {t('heroImageRemove')}
            </button>
          ) : null}
        </div>
      </fieldset>
    </form>
  );
}

/**
 * The sites allowed to show this cooperative's widgets, saved the moment one is added or
 * removed (the list is sent whole: PATCH replaces a field's value).
 */
function AllowedOrigins({ settings, onSaved }: { settings: CoopSettings; onSaved: (s: CoopSettings) => void }) {
  const { t, base, announce, errorMessage, errorText } = useWorkspace();
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const origins = settings.allowedOrigins;

  async function save(next: string[], done: string) {
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ settings: CoopSettings }>('PATCH', `${base}/settings`, { allowedOrigins: next });
      onSaved(result.settings);
      announce(done);
      return true;
    } catch (e) {
      const message = e instanceof ApiError && e.status !== 0 ? (Object.values(e.fieldErrors(errorText))[0] ?? errorText(e.code, e.message)) : errorMessage(e);
      setError(message);
      announce(message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(event: Event) {
    event.preventDefault();
    const checked = checkOrigin(draft, origins);
    if (!checked.ok) {
      setProblem(checked.suggestion ? `${t(checked.reason)} ${t('originSuggestion').replace('{origin}', checked.suggestion)}` : t(checked.reason));
      focusFirstInvalid();
      return;
    }
    setProblem(null);
    if (await save([...origins, checked.origin], `${t('originAdded')}: ${checked.origin}`)) setDraft('');
  }

  return (
    <form class="form" onSubmit={(e) => void add(e)} noValidate>
      <fieldset>
        <legend>{t('allowedOrigins')}</legend>
        <p class="muted">{t('allowedOriginsHelp')}</p>
        <FormError message={error} />
        {origins.length === 0 ? <p class="muted">{t('noOrigins')}</p> : null}
        <ul class="cards origins">
          {origins.map((origin) => (
            <li key={origin} class="card">
              <span class="card-text">
                <code>{origin}</code>
              </span>
              <button
                type="button"
                class="link danger"
                aria-label={`${t('remove')}: ${origin}`}
                disabled={busy}
                onClick={() => {
                  if (confirm(t('confirmRemoveOrigin').replace('{origin}', origin)))
                    void save(
                      origins.filter((o) => o !== origin),
                      `${t('originRemoved')}: ${origin}`,
                    );
                }}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
        <TextField
          label={t('addOrigin')}
          name="origin"
          type="url"
          value={draft}
          onInput={(v) => {
            setDraft(v);
            setProblem(null);
          }}
          error={problem ?? undefined}
          autoComplete="off"
        />
        <button type="submit" class="button" disabled={busy}>
          {t('add')}
        </button>
      </fieldset>
    </form>
  );
}

/** Owners may require every owner of the cooperative to sign in with a second factor. */
function OwnerTwoFactor({ settings, onSaved }: { settings: CoopSettings; onSaved: (s: CoopSettings) => void }) {
  const { t, base, announce, errorMessage, errorText } = useWorkspace();
  const [error, setError] = useState<{ text: string; enrol: boolean } | null>(null);
  return (
    <fieldset>
      <legend>{t('twoFactor')}</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={settings.requireOwnerTwoFactor === true}
          aria-describedby="require-2fa-help"
          onChange={async (e) => {
            const input = e.currentTarget as HTMLInputElement;
            const on = input.checked;
            setError(null);
            try {
              const result = await api<{ settings: CoopSettings }>('PATCH', `${base}/settings`, { requireOwnerTwoFactor: on });
              onSaved(result.settings);
              announce(t('saved'));
            } catch (failure) {
              input.checked = !on;
              const enrol = failure instanceof ApiError && failure.code === 'two_factor_required';
              setError({
                text: enrol
                  ? t('enrolBeforeRequiring')
                  : failure instanceof ApiError && failure.status !== 0
                    ? errorText(failure.code, failure.message)
                    : errorMessage(failure),
                enrol,
              });
            }
          }}
        />
        <span>{t('requireOwnerTwoFactor')}</span>
      </label>
      <p class="muted" id="require-2fa-help">
        {t('requireOwnerTwoFactorHelp')}
      </p>
      {error ? (
        <p class="form-error" role="alert">
          {error.text} {error.enrol ? <a href="#/account">{t('navAccount')}</a> : null}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The longest pickup window: 60 days, as the API allows (86,400 minutes). */
const MAX_HOLD_HOURS = 1440;

/**
 * How long a pay-at-pickup order holds its items at one pickup point or delivery option (its
 * pickup window). When it ends, an order nobody collected lapses and its stock goes back.
 */
function HoldHours({ option, error, onSave }: { option: Option; error: string | undefined; onSave: (minutes: number) => Promise<unknown> }) {
  const { t } = useWorkspace();
  const [hours, setHours] = useState(String(Math.round((option.offlineHoldMinutes ?? 2880) / 60)));
  const [problem, setProblem] = useState<string | null>(null);
  const name = option.name['zh-CN'] ?? option.name.en ?? '';
  return (
    <form
      class="hold"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const value = Number(hours.trim());
        if (!/^\d+$/.test(hours.trim()) || value < 1 || value > MAX_HOLD_HOURS) {
          setProblem(t('holdHoursInvalid').replace('{max}', String(MAX_HOLD_HOURS)));
          focusFirstInvalid();
          return;
        }
        setProblem(null);
        void onSave(value * 60);
      }}
    >
      <TextField
        label={t('holdHours').replace('{name}', name)}
        name={`hold-${option.id}`}
        type="number"
        inputMode="numeric"
        value={hours}
        onInput={(value) => {
          setHours(value);
          setProblem(null);
        }}
        error={problem ?? error}
      />
      <button type="submit" class="button">
        {t('save')}
      </button>
    </form>
  );
}

/** Owners: payment methods, pickup points and delivery fees per region. */
export function SettingsView() {
  const { t, base, announce, errorText } = useWorkspace();
  const { money, currency } = useWorkspace();
  const fulfilment = useLoad(() => api<{ options: Option[]; checkout: Checkout }>('GET', `${base}/fulfilment`), [base]);
  const coop = useLoad(() => api<{ settings: CoopSettings }>('GET', `${base}/settings`).then((r) => r.settings), [base]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pickup, setPickup] = useState({ name: '', address: '', hours: '' });
  const [delivery, setDelivery] = useState({ name: '', flat: '', regions: '' });
  const options = fulfilment.data?.options ?? [];
  const checkout = fulfilment.data?.checkout ?? null;

  async function run(work: () => Promise<unknown>) {
    setErrors({});
    setFormError(null);
    try {
      await work();
      await fulfilment.reload();
      announce(t('saved'));
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 0) {
        setFormError(t('networkError'));
        return;
      }
      setErrors(error.fieldErrors(errorText));
      setFormError(errorText(error.code, error.message));
      focusFirstInvalid();
    }
  }

  /** "shandong 8, beijing 18" → { shandong: 800, beijing: 1800 }; unreadable pairs go through as-is for the server to refuse. */
  const regionFees = (text: string) =>
    Object.fromEntries(
      text
        .split(/[,，\n]/)
        .map((pair) => pair.trim())
        .filter(Boolean)
        .map((pair) => {
          const [region = '', fee = ''] = pair.split(/[\s=:：]+/);
          return [region.toLowerCase(), yuanToFen(fee, currency) ?? fee];
        }),
    );

  if (!checkout) return <LoadState title={t('navSettings')} state={fulfilment.state} onRetry={fulfilment.retry} />;
  const saved = (settings: CoopSettings) => coop.setData(() => settings);
  return (
    <Page title={t('navSettings')}>
      <FormError message={formError} />
      <LoadNotice state={coop.state} onRetry={coop.retry} />
      {coop.data ? <HomeHeroImage key={coop.data.heroImage?.url ?? ''} settings={coop.data} onSaved={saved} /> : null}
      {coop.data ? <AllowedOrigins settings={coop.data} onSaved={saved} /> : null}
      {coop.data ? <OwnerTwoFactor settings={coop.data} onSaved={saved} /> : null}
      <fieldset>
        <legend>{t('paymentMethods')}</legend>
        {METHODS.map((method) => (
          <label class="check" key={method}>
            <input
              type="checkbox"
              checked={checkout.paymentMethods.includes(method)}
              onChange={(e) => {
                const on = (e.currentTarget as HTMLInputElement).checked;
                const paymentMethods = on ? [...checkout.paymentMethods, method] : checkout.paymentMethods.filter((m) => m !== method);
                void run(() => api('PUT', `${base}/checkout-settings`, { ...checkout, paymentMethods }));
              }}
            />
            <span>{t(`method_${method}`)}</span>
          </label>
        ))}
        {errors.paymentMethods ? <p class="field-error">{errors.paymentMethods}</p> : null}
        <label class="check">
          <input
            type="checkbox"
            name="offline-payment"
            checked={checkout.offlinePayment === true}
            onChange={(e) =>
              void run(() => api('PUT', `${base}/checkout-settings`, { ...checkout, offlinePayment: (e.currentTarget as HTMLInputElement).checked }))
            }
          />
          <span>{t('method_offline')}</span>
        </label>
      </fieldset>

      <fieldset>
        <legend>
          {t('pickupPoints')} / {t('deliveryOptions')}
        </legend>
        <ul class="cards">
          {options.map((o) => (
            <li key={o.id} class="card">
              <span class="card-text">
                <strong>{o.name['zh-CN'] ?? o.name.en}</strong>
                <span class="muted">
                  {o.kind === 'pickup'
                    ? `${t('pickup')} · ${o.address['zh-CN'] ?? ''} · ${o.hours['zh-CN'] ?? ''}`
                    : `${t('delivery')} · ${o.flatFeeMinor === null ? '—' : money(o.flatFeeMinor)} · ${Object.entries(o.regionFees)
                        .map(([r, fee]) => `${r} ${money(fee)}`)
                        .join(', ')}`}
                </span>
                {checkout.offlinePayment ? (
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={o.offlinePayment !== false}
                      onChange={(e) =>
                        void run(() => api('PATCH', `${base}/fulfilment/options/${o.id}`, { offlinePayment: (e.currentTarget as HTMLInputElement).checked }))
                      }
                    />
                    <span>{t('optionOffline').replace('{hours}', String(Math.round((o.offlineHoldMinutes ?? 2880) / 60)))}</span>
                  </label>
                ) : null}
                {checkout.offlinePayment && o.offlinePayment !== false ? (
                  <HoldHours
                    key={`${o.id}-${o.offlineHoldMinutes}`}
                    option={o}
                    error={errors.offlineHoldMinutes}
                    onSave={(minutes) => run(() => api('PATCH', `${base}/fulfilment/options/${o.id}`, { offlineHoldMinutes: minutes }))}
                  />
                ) : null}
              </span>
              <button
                type="button"
                class="link"
                onClick={() => {
                  if (confirm(`${t('archive')}: ${o.name['zh-CN'] ?? o.name.en ?? ''}?`)) void run(() => api('DELETE', `${base}/fulfilment/options/${o.id}`));
                }}
              >
                {t('archive')}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>

      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() =>
            api('POST', `${base}/fulfilment/options`, {
              kind: 'pickup',
              name: { 'zh-CN': pickup.name },
              address: { 'zh-CN': pickup.address },
              hours: { 'zh-CN': pickup.hours },
            }).then(() => setPickup({ name: '', address: '', hours: '' })),
          );
        }}
      >
        <fieldset>
          <legend>{t('addPickup')}</legend>
          <TextField
            label={t('pickupName')}
            name="name"
            value={pickup.name}
            onInput={(v) => setPickup({ ...pickup, name: v })}
            error={errors['name'] ?? errors['name.zh-CN']}
          />
          <TextField label={t('pickupAddress')} name="address.zh-CN" value={pickup.address} onInput={(v) => setPickup({ ...pickup, address: v })} />
          <TextField label={t('pickupHours')} name="hours.zh-CN" value={pickup.hours} onInput={(v) => setPickup({ ...pickup, hours: v })} />
          <button type="submit" class="button">
            {t('save')}
          </button>
        </fieldset>
      </form>

      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() =>
            api('POST', `${base}/fulfilment/options`, {
              kind: 'delivery',
              name: { 'zh-CN': delivery.name },
              flatFeeMinor: delivery.flat.trim() ? (yuanToFen(delivery.flat, currency) ?? delivery.flat) : null,
              regionFees: regionFees(delivery.regions),
            }).then(() => setDelivery({ name: '', flat: '', regions: '' })),
          );
        }}
      >
        <fieldset>
          <legend>{t('addDelivery')}</legend>
          <TextField label={t('deliveryName')} name="delivery-name" value={delivery.name} onInput={(v) => setDelivery({ ...delivery, name: v })} />
          <TextField
            label={t('flatFee')}
            name="flatFeeMinor"
            inputMode="decimal"
            value={delivery.flat}
            onInput={(v) => setDelivery({ ...delivery, flat: v })}
            error={errors.flatFeeMinor}
          />
          <TextField
            label={t('regionFees')}
            name="regionFees"
            multiline
            rows={3}
            value={delivery.regions}
            onInput={(v) => setDelivery({ ...delivery, regions: v })}
            error={Object.entries(errors).find(([k]) => k.startsWith('regionFees'))?.[1]}
          />
          <button type="submit" class="button">
            {t('save')}
          </button>
        </fieldset>
      </form>
    </Page>
  );
}
