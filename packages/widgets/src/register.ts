// The loader: the only module with side effects, and the only one a page downloads up front.
// It defines every custom element as a light host that reserves its box at once and fetches
// its component chunk (plus the shared Preact chunk) the first time such an element is
// connected. Guarded so a page that loads the script twice (two embeds, two versions) does
// not throw. No Preact here: a page pays for a widget's code only when it shows that widget.
import type { ComponentType } from 'preact';

type Load = () => Promise<ComponentType<any>>;

/** One lazily loaded widget: its tag, the attributes it re-renders on, and its chunk. */
export interface LazyWidget {
  name: string;
  attributes: readonly string[];
  load: Load;
  /**
   * The placeholder drawn at once, before the chunk and the data arrive: the same boxes as the
   * widget's loading skeleton (widget-frame.tsx, `Pending`), so nothing below moves (CLS).
   */
  placeholder: (element: HTMLElement) => string;
}

const BASE = 'coop lang api ';
// Skeleton cards in the widgets' grid: a 4:3 picture and the text of a product card. Sizes in
// px: the widgets' root is 16px whatever the host page sets (styles.ts).
const PLACEHOLDER_CSS =
  '<style>:host{display:block}:host([hidden]){display:none}.g{display:grid;gap:16px;grid-template-columns:repeat(auto-fill,minmax(min(100%,240px),1fr))}.c{padding:12px;border:1px solid #0000}.i{aspect-ratio:4/3;background:#e7e5e4;border-radius:8px}.x{height:364px}.f{height:66px}.w{display:grid}.w>*{grid-area:1/1}.e{all:initial;font:16px system-ui;padding:16px;text-align:center}.e+*{visibility:hidden}.e *{font:inherit;min-height:44px}</style>';
// [zh-CN, en]: the loader's own words, shown when a chunk could not be fetched.
const FAILED = ['加载失败，请检查网络后重试。', 'Could not load. Check your connection and try again.'];
const RETRY = ['重试', 'Try again'];
const grid = (cards: number) => `<div class=g>${'<div class=c><div class=i></div><div class=x></div></div>'.repeat(cards)}</div>`;

/**
 * Every widget of the bundle. A widget group of its own (the museum: timeline, hall, map,
 * person) is one more entry per element whose `load` imports its component module; the
 * bundler makes that module a chunk, `pnpm size` budgets it (scripts/size.mjs, CHUNK_BUDGETS).
 */
export const WIDGETS: readonly LazyWidget[] = [
  {
    name: 'terroir-products',
    attributes: (BASE + 'category season limit nofilters').split(' '),
    load: () => import('./products.component').then((m) => m.Products),
    placeholder: (el) => (el.hasAttribute('nofilters') ? '' : '<div class=f></div>') + grid(3),
  },
  {
    name: 'terroir-product',
    attributes: (BASE + 'product').split(' '),
    load: () => import('./product.component').then((m) => m.Product),
    placeholder: () => grid(1),
  },
  { name: 'terroir-story', attributes: (BASE + 'story').split(' '), load: () => import('./story.component').then((m) => m.Story), placeholder: () => grid(1) },
  {
    name: 'terroir-stories',
    attributes: (BASE + 'kind product limit').split(' '),
    load: () => import('./stories.component').then((m) => m.Stories),
    placeholder: () => grid(3),
  },
  {
    name: 'terroir-cart',
    attributes: (BASE + 'mode checkout pickup-point').split(' '),
    load: () => import('./cart.component').then((m) => m.Cart),
    // A drawer cart is a button in a header; an inline one starts as "your cart is empty".
    placeholder: (el) => `<div style=height:${el.getAttribute('mode') === 'drawer' ? 44 : 58}px></div>`,
  },
  {
    name: 'terroir-search',
    attributes: (BASE + 'pages q').split(' '),
    load: () => import('./search.component').then((m) => m.Search),
    // The search row: a 44 px box and button; results grow below it only when asked for.
    placeholder: () => '<div style=height:44px></div>',
  },
  // The museum (issue 11): each its own chunk, beside a small chunk the four share (museum-common).
  // The period select's row (44 px and a 16 px margin) over the skeleton card, as its loading state draws them.
  {
    name: 'terroir-timeline',
    attributes: (BASE + 'pages period limit').split(' '),
    load: () => import('./timeline.component').then((m) => m.Timeline),
    placeholder: () => '<div style=height:60px></div>' + grid(1),
  },
  {
    name: 'terroir-hall',
    attributes: (BASE + 'pages hall').split(' '),
    load: () => import('./hall.component').then((m) => m.Hall),
    placeholder: () => grid(1),
  },
  {
    name: 'terroir-map',
    attributes: (BASE + 'pages image ratio').split(' '),
    load: () => import('./map.component').then((m) => m.VillageMap),
    // The map's own 4:3 box, full width, as its loading state draws it; the list of places comes with the data.
    placeholder: () => '<div class=i></div>',
  },
  {
    name: 'terroir-person',
    attributes: (BASE + 'pages person').split(' '),
    load: () => import('./person.component').then((m) => m.Person),
    placeholder: () => grid(1),
  },
];

/**
 * Defines `<name>`: an open shadow root that reserves the widget's height, then, once
 * connected, renders the lazily loaded component with every attribute as a prop (both
 * `pickup-point` and `pickupPoint`), again whenever an observed attribute changes. Renders are
 * batched per microtask, so an element upgraded with several attributes renders (and fetches) once.
 *
 * @example
 * defineWidget({ name: 'terroir-cart', attributes: ['coop', 'lang', 'api'], load: () => import('./cart.component').then((m) => m.Cart), placeholder: () => '' });
 */
export function defineWidget(widget: LazyWidget): void {
  if (customElements.get(widget.name)) return;
  customElements.define(
    widget.name,
    class extends HTMLElement {
      static observedAttributes = widget.attributes;
      #root = this.attachShadow({ mode: 'open' });
      #queued = false;
      #ready = false;
      // The reserved box (the placeholder's height, kept while loading and under the error),
      // with the loading line or the error and its retry on top. Plain strings: no Preact yet.
      // 1 for English, 0 for zh-CN: the language of the element, else the page's, as the widgets decide it.
      #en() {
        return +/^en\b/i.test(this.getAttribute('lang') || document.documentElement.lang || navigator.language);
      }
      #draw(failed?: boolean) {
        const en = this.#en();
        this.#root.innerHTML = `${PLACEHOLDER_CSS}<div class=w>${
          failed ? `<p class=e role=alert lang=${en ? 'en' : 'zh-CN'}>${FAILED[en]}<br><button part=retry-button>${RETRY[en]}</button></p>` : ''
        }<div aria-hidden=true>${widget.placeholder(this)}</div></div>`;
        this.#root.querySelector('button')?.addEventListener('click', () => {
          this.#draw();
          this.attributeChangedCallback();
        });
      }
      connectedCallback() {
        // The box the skeleton will fill, drawn before any chunk arrives: the page below does not jump.
        if (!this.#root.firstChild) this.#draw();
        this.attributeChangedCallback();
      }
      attributeChangedCallback() {
        if (this.#queued) return;
        this.#queued = true;
        queueMicrotask(() => {
          this.#queued = false;
          if (!this.isConnected) return;
          const props: Record<string, string> = {};
          for (const { name, value } of this.attributes) props[name] = props[name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = value;
          // The chunks in parallel: the component's, the shared one holding Preact, and the shared
          // strings of this one language (never both).
          const en = this.#en();
          Promise.all([import('./widget-mount'), widget.load(), en ? import('./messages.en') : import('./messages.zh-CN')]).then(
            ([{ mount }, component, messages]) => {
              if (!this.isConnected) return;
              this.#ready = true;
              mount(this.#root, component, props, en ? 'en' : 'zh-CN', messages.default);
            },
            (error: unknown) => {
              // The chunk did not arrive (offline, blocked): an error with a retry in the reserved
              // box; the browser fetches a failed module again on the next import().
              console.error(`Terroir widgets: could not load <${widget.name}>`, error);
              if (!this.#ready && this.isConnected) this.#draw(true);
            },
          );
        });
      }
      disconnectedCallback() {
        // A moved element is disconnected and connected again in one task: keep it rendered.
        void import('./widget-mount').then(({ unmount }) => this.isConnected || unmount(this.#root));
      }
    },
  );
}

for (const widget of WIDGETS) defineWidget(widget);
