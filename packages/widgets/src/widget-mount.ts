// Lives in the shared chunk with Preact: the loader imports it beside a component chunk.
import { createElement, render, type ComponentType } from 'preact';

const mounted = new WeakSet<ShadowRoot>();

/**
 * Renders `component` with `props` into a widget's shadow root. The first render replaces the
 * loader's placeholder in the same task, so no empty frame is ever painted.
 *
 * @example
 * mount(element.shadowRoot!, Cart, { coop: 'laiyang-pear' });
 */
export function mount(root: ShadowRoot, component: ComponentType<any>, props: Record<string, string>): void {
  if (!mounted.has(root)) {
    root.textContent = '';
    mounted.add(root);
  }
  render(createElement(component, props), root);
}

/** Unmounts a widget (element removed from the page): effects and subscriptions end. */
export function unmount(root: ShadowRoot): void {
  if (!mounted.has(root)) return;
  render(null, root);
  mounted.delete(root);
}
