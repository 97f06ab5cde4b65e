// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import type { JSX } from 'preact';
import { translator } from './messages';
import type { Fulfilment, Locale, Quote } from './types';

/** What the shopper chose so far: pickup at a point, or delivery to a region. */
export interface FulfilmentPick {
  type: 'pickup' | 'delivery';
  point: string;
  region: string;
}

/** Strings only the pickup / delivery step shows (zh-CN, en). */
const FULFILMENT_MESSAGES = {
  receive: ['取货方式', 'Pickup or delivery'],
  pickup: ['到店自提', 'Pick up'],
  delivery: ['快递配送', 'Delivery'],
  point: ['自提点', 'Pickup point'],
  region: ['收货地区', 'Region'],
  choose: ['请选择', 'Choose…'],
  name: ['收货人', 'Recipient'],
  phone: ['手机号码', 'Phone'],
  line1: ['详细地址', 'Street address'],
  line2: ['地址补充（选填）', 'Address line 2 (optional)'],
  city: ['城市', 'City'],
  fee: ['配送费', 'Delivery fee'],
  total: ['合计', 'Total'],
  offline: ['下单，到店/货到付款', 'Order, pay on collection'],
} satisfies Record<string, [zh: string, en: string]>;

// Rules only this step needs.
const FULFILMENT_CSS = `.fd>.p{width:100%;margin-top:.5em}fieldset{border:0;padding:0;margin:0 0 .5em}.fd label{display:block;margin:.5em 0}.fd .r{display:flex;gap:.5em}[type=radio]{min-height:0;margin:.3em 0}.fd [autocomplete],.fd select{display:block;width:100%}`;

// Address fields checkout takes, with their autocomplete tokens.
const ADDRESS = [
  ['name', 'name'],
  ['phone', 'tel'],
  ['line1', 'address-line1'],
  ['line2', 'address-line2'],
  ['city', 'address-level2'],
] as const;

/** Props of the step: the cart's state, passed down (the cart owns it and sends it at checkout). */
export interface FulfilmentStepProps {
  lang: Locale;
  options: Fulfilment;
  pick: FulfilmentPick;
  setPick: (pick: FulfilmentPick) => void;
  field: (name: string) => Record<string, unknown>;
  note: (name: string) => JSX.Element | undefined | '' | false;
  priced: boolean;
  quoted: Quote | undefined;
  money: (minor: number) => string;
  /** Checkout is under way; the online button's label; loads the checkout chunk early. */
  busy: boolean;
  label: string;
  load: () => unknown;
}

/**
 * The cart's pickup / delivery step (with `checkout`): a lazily loaded chunk of terroir-cart.
 *
 * @example
 * <FulfilmentStep lang="zh-CN" options={fulfilment} pick={pick} setPick={setPick} field={field} note={note} priced quoted={quote} money={money} />
 */
export function FulfilmentStep({ lang, options, pick, setPick, field, note, priced, quoted, money, busy, label, load }: FulfilmentStepProps) {
  const t = translator(lang, FULFILMENT_MESSAGES);
  const delivery = options.delivery[0];
  const methods = options.paymentMethods ?? ['card'];
  // Only the payment choices that exist: online when the server takes it, pay on collection where the chosen option allows it.
  const offline = methods.includes('offline') && (pick.type == 'pickup' ? options.pickupPoints.find((p) => p.id == pick.point) : delivery)?.payOffline;
  return (
    <div class="fd" part="fulfilment">
      <style>{FULFILMENT_CSS}</style>
      <fieldset>
        <legend>{t('receive')}</legend>
        {(['pickup', 'delivery'] as const).map(
          (type) =>
            (type === 'pickup' ? options.pickupPoints : options.delivery).length > 0 && (
              <label class="r">
                <input type="radio" name="type" checked={pick.type === type} onChange={() => setPick({ ...pick, type })} />
                {t(type)}
              </label>
            ),
        )}
      </fieldset>
      {pick.type === 'pickup' ? (
        <fieldset {...field('pickupPointId')}>
          <legend>{t('point')}</legend>
          {options.pickupPoints.map((p) => (
            <label class="r">
              <input type="radio" name="point" checked={pick.point === p.id} onChange={() => setPick({ ...pick, point: p.id })} />
              <span>
                <strong>{p.name}</strong>
                <br />
                <span class="m">
                  {p.address} · {p.hours}
                </span>
              </span>
            </label>
          ))}
          {note('pickupPointId')}
        </fieldset>
      ) : (
        <>
          <label>
            {t('region')}
            <select name="region" value={pick.region} onChange={(e) => setPick({ ...pick, region: e.currentTarget.value })} {...field('region')}>
              <option value="">{t('choose')}</option>
              {delivery?.regions.map((r) => (
                <option value={r.code}>
                  {r.name} · {money(r.feeMinor)}
                </option>
              ))}
            </select>
          </label>
          {note('region')}
          {ADDRESS.map(([n, auto]) => (
            <>
              <label>
                {t(n)}
                <input name={n} autocomplete={auto} type={(n === 'phone' ? 'tel' : 'text') as 'text'} aria-required={n !== 'line2'} {...field(n)} />
              </label>
              {note(n)}
            </>
          ))}
        </>
      )}
      {priced && quoted && (
        <p class="row sp" part="fee">
          <span>{t('fee')}</span>
          <span>{money(quoted.fulfilmentFeeMinor)}</span>
        </p>
      )}
      <p class="row sp" part="total" aria-live="polite">
        {priced && quoted && (
          <>
            <span>{t('total')}</span>
            <strong class="price">{money(quoted.totalMinor)}</strong>
          </>
        )}
      </p>
      {[methods.some((m) => m != 'offline') && label, offline && (busy ? label : t('offline'))].map(
        (text, i) =>
          text && (
            <button
              class="p"
              part="button checkout-button"
              value={i ? 'offline' : 'online'}
              disabled={busy}
              aria-busy={busy}
              onPointerEnter={load}
              onFocus={load}
            >
              {text}
            </button>
          ),
      )}
    </div>
  );
}
