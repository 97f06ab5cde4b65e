// The only module with side effects: defines the custom elements. Guarded so a page that
// loads the script twice (two embeds, two versions) does not throw.
import { createElement, render, type ComponentType } from 'preact';
import { Cart } from './cart.component';
import { Product } from './product.component';
import { Products } from './products.component';
import { Stories } from './stories.component';
import { Story } from './story.component';

type Widget = ComponentType<any> & { observedAttributes: string[] };

const ELEMENTS: [string, Widget][] = [
  ['terroir-products', Products],
  ['terroir-product', Product],
  ['terroir-story', Story],
  ['terroir-stories', Stories],
  ['terroir-cart', Cart],
];

/**
 * Defines `<name>`: renders `component` into an open shadow root with every attribute as a
 * prop (both `pickup-point` and `pickupPoint`), again whenever an observed attribute changes.
 * Our own ~30 lines instead of preact-custom-element (1.4 KB gzipped) keep the bundle in its
 * 15 KB budget. Renders are batched per microtask, so an element upgraded with several
 * attributes renders (and fetches) once, with all of them.
 *
 * @example
 * defineWidget('terroir-cart', Cart);
 */
export function defineWidget(name: string, component: Widget): void {
  if (customElements.get(name)) return;
  customElements.define(
    name,
    class extends HTMLElement {
      static observedAttributes = component.observedAttributes;
      #root = this.attachShadow({ mode: 'open' });
      #queued = false;
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
          render(createElement(component, props), this.#root);
        });
      }
      disconnectedCallback() {
        render(null, this.#root);
      }
    },
  );
}

for (const [name, component] of ELEMENTS) defineWidget(name, component);
