// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import type { ComponentChildren, ComponentType } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { ApiError, ORIGIN_NOT_ALLOWED, apiBase, storefront, type ApiConfig } from './api-client';
import { addToCart } from './cart-store';
import { emit, type AddToCartDetail } from './events';
import { formatMoney } from './format-money.generated';
import { localeOf, spoken, translator, type MessageKey, type Translate } from './messages';
import { STYLES } from './styles';
import type { ImageRef, Locale, Money, ProductDetail, UnitPrice, Variant } from './types';
import { useResource, type Resource } from './use-resource';

/** Attributes every widget reads. */
export interface BaseProps {
  /** Cooperative slug, e.g. `laiyang-pear`. */
  coop?: string;
  /** `zh-CN` or `en`; defaults to the page's `<html lang>`. */
  lang?: string;
  /** API base URL; defaults to `/api` on the origin that served the script. */
  api?: string;
}

/** What a widget's inner parts need: locale, translator, API config, and the live-region announcer. */
export interface WidgetContext {
  lang: Locale;
  t: Translate<MessageKey>;
  config: ApiConfig;
  announce: (message: string) => void;
}

/** A disclosure whose content mounts (and fetches) only once opened. */
export function Expander(props: { summary: string; children: ComponentChildren; part?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details part={props.part ?? 'expander'} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{props.summary}</summary>
      {open && props.children}
    </details>
  );
}

/**
 * A part of a widget whose code is its own chunk, loaded when the part first mounts (a story
 * opened inside a product card): the products + cart path does not carry the story code.
 *
 * @example
 * <Lazy load={() => import('./stories.component').then((m) => m.StoryList)} props={{ w, product }} t={t} />
 */
export function Lazy<P extends object>(props: { load: () => Promise<ComponentType<P>>; props: P; t: Translate<MessageKey> }) {
  const [part, retry] = useResource('', props.load);
  // A line while the chunk loads (its own content brings its skeleton); the error state with retry if it fails.
  if (part.state === 'loading')
    return (
      <p class="m" aria-busy="true">
        {props.t('loading')}
      </p>
    );
  if (part.state === 'error') return <Pending resource={part} retry={retry} t={props.t} />;
  const Part = part.data;
  return <Part {...props.props} />;
}

/** Locale, translator and API config of a widget, recomputed when its attributes change. */
export function useWidget(props: BaseProps) {
  const lang: Locale = spoken(localeOf(props.lang || document.documentElement.lang || navigator.language));
  const config: ApiConfig = useMemo(() => ({ api: apiBase(props.api), coop: props.coop ?? '', lang }), [props.api, props.coop, lang]);
  const [announcement, announce] = useState('');
  return { lang, t: translator(lang), config, announcement, announce };
}

/** The shadow root's content: styles, a language-tagged root, a polite live region. */
export function Frame(props: { lang: Locale; announcement?: string; css?: string; children: ComponentChildren }) {
  return (
    <>
      <style>{props.css ? STYLES + props.css : STYLES}</style>
      <div class="t" part="root" lang={props.lang}>
        {props.children}
        <div class="sr" role="status" aria-live="polite">
          {props.announcement}
        </div>
      </div>
    </>
  );
}

/** Skeletons while loading, a message with a retry button on error; `null` once ready. */
export function Pending(props: { resource: Resource<unknown>; retry: () => void; t: Translate<MessageKey>; count?: number }) {
  const { resource, t } = props;
  if (resource.state === 'loading')
    return (
      <div aria-busy="true" part="skeleton">
        <p class="sr">{t('loading')}</p>
        {/* The boxes of the cards to come (the loader draws the same ones before this chunk). */}
        <div class="grid" aria-hidden="true">
          {Array.from({ length: props.count ?? 1 }, () => (
            <div class="card sk">
              <div class="ski" />
              <div class="skt" />
            </div>
          ))}
        </div>
      </div>
    );
  if (resource.state === 'error') {
    const error = resource.error instanceof ApiError ? resource.error : undefined;
    // A site the cooperative has not allowed yet: say so (the console says how to fix it).
    const key = error?.code === ORIGIN_NOT_ALLOWED ? 'notAllowed' : error?.status === 404 ? 'notFound' : 'error';
    return (
      <div class="msg" role="alert" part="error">
        <p>{t(key)}</p>
        <button type="button" onClick={props.retry} part="button retry-button">
          {t('retry')}
        </button>
      </div>
    );
  }
  return null;
}

/** A localized amount of integer minor units. */
export const price = (money: Money | null | undefined, lang: Locale) => (money ? formatMoney(money.priceMinor, money.currency, lang) : '');

/** "¥24.00/kg · ¥12.00/斤" */
export function UnitPriceText(props: { unitPrice: UnitPrice | null; currency: string | undefined; lang: Locale; t: (k: MessageKey) => string }) {
  const { unitPrice: u, currency, lang, t } = props;
  if (!u || !currency) return null;
  return (
    <span class="m" part="unit-price">
      {formatMoney(u.perKgMinor, currency, lang)}
      {t('perKg')} · {formatMoney(u.perJinMinor, currency, lang)}
      {t('perJin')}
    </span>
  );
}

/** A lazy image with its intrinsic size (no layout shift) and sizes fitting the widget's columns. */
export function Picture(props: { image: ImageRef | null | undefined; sizes?: string; class?: string }) {
  const image = props.image;
  if (!image) return null;
  return (
    <img
      part="image"
      class={props.class}
      src={image.url}
      alt={image.alt}
      width={image.width ?? 800}
      height={image.height ?? 600}
      loading="lazy"
      decoding="async"
      sizes={props.sizes ?? '(min-width: 48rem) 20rem, 100vw'}
    />
  );
}

/** The cheapest variant a shopper can buy now (what "from ¥…" refers to). */
export function cheapestAvailable(variants: Variant[]): Variant | undefined {
  return variants.filter((v) => v.stock.state !== 'sold-out').sort((a, b) => a.priceMinor - b.priceMinor)[0];
}

/**
 * Adds a variant to the host page's cart and fires `terroir:add-to-cart`.
 */
export function addVariant(config: ApiConfig, product: ProductDetail, variant: Variant, quantity: number, source: EventTarget): void {
  addToCart(
    config.coop,
    {
      variantId: variant.id,
      productSlug: product.slug,
      title: product.title,
      variantLabel: variant.label,
      priceMinor: variant.priceMinor,
      currency: variant.currency,
    },
    quantity,
    source,
  );
  emit<AddToCartDetail>(source, 'terroir:add-to-cart', {
    coop: config.coop,
    productSlug: product.slug,
    variantId: variant.id,
    quantity,
    priceMinor: variant.priceMinor,
    currency: variant.currency,
  });
}

/** Adds the cheapest available variant of a product by slug; returns its title, or null when none can be bought. */
export async function addCheapest(config: ApiConfig, slug: string, source: EventTarget): Promise<string | null> {
  const { product } = await storefront.product(config, slug);
  const variant = cheapestAvailable(product.variants);
  if (!variant) return null;
  addVariant(config, product, variant, 1, source);
  return `${product.title} · ${variant.label}`;
}

/** "Add to cart" for a product known only by slug: adds its cheapest available variant. */
export function AddCheapestButton(props: {
  config: ApiConfig;
  slug: string;
  title: string;
  soldOut?: boolean;
  t: Translate<MessageKey>;
  announce: (message: string) => void;
}) {
  const { t } = props;
  const [busy, setBusy] = useState(false);
  const onClick = async (event: Event) => {
    setBusy(true);
    try {
      const added = await addCheapest(props.config, props.slug, event.currentTarget as EventTarget);
      props.announce(added ? t('added') + added : t('sold-out'));
    } catch {
      props.announce(t('error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class="p" part="button add-button" disabled={props.soldOut || busy} aria-label={`${t('add')}: ${props.title}`} onClick={onClick}>
      {props.soldOut ? t('sold-out') : t('add')}
    </button>
  );
}
