// Lives in the shared chunk with Preact: the loader imports it beside a component chunk.
import { createElement, render, type ComponentType } from 'preact';
import { addMessages, type Messages } from './messages';
import type { Locale } from './types';

const mounted = new WeakSet<ShadowRoot>();

/**
 * Renders `component` with `props` into a widget's shadow root, with the shared strings of the
 * language the loader fetched. The first render replaces the loader's placeholder in the same
 * task, so no empty frame is ever painted.
 *
 * @example
 * mount(element.shadowRoot!, Cart, { coop: 'laiyang-pear' }, 'zh-CN', (await import('./messages.zh-CN')).default);
 */
export function mount(root: ShadowRoot, component: ComponentType<any>, props: Record<string, string>, locale: Locale, messages: Messages): void {
  addMessages(locale, messages);
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
