// The only module with side effects: defines the custom elements. Guarded so a page that
// loads the script twice (two embeds, two versions) does not throw.
import register from 'preact-custom-element';
import type { ComponentType } from 'preact';
import { Cart } from './cart.component';
import { Product } from './product.component';
import { Products } from './products.component';
import { Stories } from './stories.component';
import { Story } from './story.component';

const ELEMENTS: [string, ComponentType<any> & { observedAttributes: string[] }][] = [
  ['terroir-products', Products],
  ['terroir-product', Product],
  ['terroir-story', Story],
  ['terroir-stories', Stories],
  ['terroir-cart', Cart],
];

for (const [name, component] of ELEMENTS) {
  if (!customElements.get(name)) register(component, name, component.observedAttributes, { shadow: true });
}
