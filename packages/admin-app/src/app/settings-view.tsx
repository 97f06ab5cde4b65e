import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { FormError, Page, TextField, focusFirstInvalid } from './form-fields';
import { formatMoney, useWorkspace, yuanToFen } from './workspace';

interface Localized {
  'zh-CN'?: string;
  en?: string;
}
type Option =
  | { id: string; kind: 'pickup'; name: Localized; address: Localized; hours: Localized }
  | { id: string; kind: 'delivery'; name: Localized; flatFeeMinor: number | null; regionFees: Record<string, number> };
interface Checkout {
  paymentMethods: string[];
  maxLineQuantity: number;
}

const METHODS = ['card', 'alipay', 'wechat_pay'] as const;

/** Owners: payment methods, pickup points and delivery fees per region. */
export function SettingsView() {
  const { t, base, announce, errorText, locale } = useWorkspace();
  const [options, setOptions] = useState<Option[]>([]);
  const [checkout, setCheckout] = useState<Checkout | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pickup, setPickup] = useState({ name: '', address: '', hours: '' });
  const [delivery, setDelivery] = useState({ name: '', flat: '', regions: '' });

  const load = () => api<{ options: Option[]; checkout: Checkout }>('GET', `${base}/fulfilment`).then((r) => {
    setOptions(r.options);
    setCheckout(r.checkout);
  });
  useEffect(() => void load(), [base]);

  async function run(work: () => Promise<unknown>) {
    setErrors({});
    setFormError(null);
    try {
      await work();
      await load();
      announce(t('saved'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
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
          return [region.toLowerCase(), yuanToFen(fee) ?? fee];
        }),
    );

  if (!checkout) return <p>{t('loading')}</p>;
  return (
    <Page title={t('navSettings')}>
      <FormError message={formError} />
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
      </fieldset>

      <fieldset>
        <legend>{t('pickupPoints')} / {t('deliveryOptions')}</legend>
        <ul class="cards">
          {options.map((o) => (
            <li key={o.id} class="card">
              <span class="card-text">
                <strong>{o.name['zh-CN'] ?? o.name.en}</strong>
                <span class="muted">
                  {o.kind === 'pickup'
                    ? `${t('pickup')} · ${o.address['zh-CN'] ?? ''} · ${o.hours['zh-CN'] ?? ''}`
                    : `${t('delivery')} · ${o.flatFeeMinor === null ? '—' : formatMoney(o.flatFeeMinor, 'CNY', locale)} · ${Object.entries(o.regionFees).map(([r, fee]) => `${r} ${formatMoney(fee, 'CNY', locale)}`).join(', ')}`}
                </span>
              </span>
              <button type="button" class="link" onClick={() => {
                  if (confirm(`${t('archive')}: ${o.name['zh-CN'] ?? o.name.en ?? ''}?`)) void run(() => api('DELETE', `${base}/fulfilment/options/${o.id}`));
                }}>
                {t('archive')}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>

      <form class="form" onSubmit={(e) => { e.preventDefault(); void run(() => api('POST', `${base}/fulfilment/options`, { kind: 'pickup', name: { 'zh-CN': pickup.name }, address: { 'zh-CN': pickup.address }, hours: { 'zh-CN': pickup.hours } }).then(() => setPickup({ name: '', address: '', hours: '' }))); }}>
        <fieldset>
          <legend>{t('addPickup')}</legend>
          <TextField label={t('pickupName')} name="name" value={pickup.name} onInput={(v) => setPickup({ ...pickup, name: v })} error={errors['name'] ?? errors['name.zh-CN']} />
          <TextField label={t('pickupAddress')} name="address.zh-CN" value={pickup.address} onInput={(v) => setPickup({ ...pickup, address: v })} />
          <TextField label={t('pickupHours')} name="hours.zh-CN" value={pickup.hours} onInput={(v) => setPickup({ ...pickup, hours: v })} />
          <button type="submit" class="button">{t('save')}</button>
        </fieldset>
      </form>

      <form class="form" onSubmit={(e) => { e.preventDefault(); void run(() => api('POST', `${base}/fulfilment/options`, { kind: 'delivery', name: { 'zh-CN': delivery.name }, flatFeeMinor: delivery.flat.trim() ? (yuanToFen(delivery.flat) ?? delivery.flat) : null, regionFees: regionFees(delivery.regions) }).then(() => setDelivery({ name: '', flat: '', regions: '' }))); }}>
        <fieldset>
          <legend>{t('addDelivery')}</legend>
          <TextField label={t('deliveryName')} name="delivery-name" value={delivery.name} onInput={(v) => setDelivery({ ...delivery, name: v })} />
          <TextField label={t('flatFee')} name="flatFeeMinor" inputMode="decimal" value={delivery.flat} onInput={(v) => setDelivery({ ...delivery, flat: v })} error={errors.flatFeeMinor} />
          <TextField label={t('regionFees')} name="regionFees" multiline rows={3} value={delivery.regions} onInput={(v) => setDelivery({ ...delivery, regions: v })} error={Object.entries(errors).find(([k]) => k.startsWith('regionFees'))?.[1]} />
          <button type="submit" class="button">{t('save')}</button>
        </fieldset>
      </form>
    </Page>
  );
}
