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
  /** Height reserved before the chunk and the data arrive (CLS), in CSS units. */
  reserve: string;
}

const BASE = ['coop', 'lang', 'api'];

/**
 * Every widget of the bundle. A widget group of its own (the museum: timeline, hall, map,
 * person) is one more entry per element whose `load` imports its component module; the
 * bundler makes that module a chunk, `pnpm size` budgets it (scripts/size.mjs, CHUNK_BUDGETS).
 */
export const WIDGETS: readonly LazyWidget[] = [
  { name: 'terroir-products', attributes: [...BASE, 'category', 'season', 'limit', 'nofilters'], load: () => import('./products.component').then((m) => m.Products), reserve: '31em' },
  { name: 'terroir-product', attributes: [...BASE, 'product'], load: () => import('./product.component').then((m) => m.Product), reserve: '30em' },
  { name: 'terroir-story', attributes: [...BASE, 'story'], load: () => import('./story.component').then((m) => m.Story), reserve: '30em' },
  { name: 'terroir-stories', attributes: [...BASE, 'kind', 'product', 'limit'], load: () => import('./stories.component').then((m) => m.Stories), reserve: '24em' },
  { name: 'terroir-cart', attributes: [...BASE, 'mode', 'checkout', 'pickup-point'], load: () => import('./cart.component').then((m) => m.Cart), reserve: '9em' },
];

/**
 * Defines `<name>`: an open shadow root that reserves the widget's height, then, once
 * connected, renders the lazily loaded component with every attribute as a prop (both
 * `pickup-point` and `pickupPoint`), again whenever an observed attribute changes. Renders are
 * batched per microtask, so an element upgraded with several attributes renders (and fetches) once.
 *
 * @example
 * defineWidget({ name: 'terroir-cart', attributes: ['coop', 'lang', 'api'], load: () => import('./cart.component').then((m) => m.Cart), reserve: '9em' });
 */
export function defineWidget(widget: LazyWidget): void {
  if (customElements.get(widget.name)) return;
  customElements.define(
    widget.name,
    class extends HTMLElement {
      static observedAttributes = widget.attributes;
      #root = this.attachShadow({ mode: 'open' });
      #queued = false;
      constructor() {
        super();
        // The box the skeleton will fill, before any chunk arrives: the page below does not jump.
        // A drawer cart is a button in a header, so it reserves a button's height only.
        const reserve = widget.name === 'terroir-cart' && this.getAttribute('mode') === 'drawer' ? '44px' : widget.reserve;
        this.#root.innerHTML = `<style>:host{display:block;font-size:var(--terroir-font-size,16px);min-height:${reserve}}:host([hidden]){display:none}</style>`;
      }
      connectedCallback() {
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
          // Both chunks in parallel: the component's chunk and the shared one holding Preact.
          void Promise.all([import('./widget-mount'), widget.load()]).then(([{ mount }, component]) => {
            if (this.isConnected) mount(this.#root, component, props);
          });
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
