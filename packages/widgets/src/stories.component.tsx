// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { get } from './api-client';
import type { Page, StorySummary } from './types';
import { STORY_MESSAGES, StoryView } from './story.component';
import { translator } from './messages';
import { useResource } from './use-resource';
import { Expander, Frame, Pending, Picture, useWidget, type BaseProps, type WidgetContext } from './widget-frame';

export interface StoriesProps extends BaseProps {
  /** Only stories of this kind (`history`, `craft-technique`, `festival`, `person`, `recipe`, `place`, `legend`). */
  kind?: string;
  /** Only stories linked to this product slug. */
  product?: string;
  /** How many (default 24). */
  limit?: string;
}

/**
 * `<terroir-stories>`: a list of a cooperative's heritage stories; each opens inline with its
 * media and linked products.
 *
 * @example
 * <terroir-stories coop="laiyang-pear" kind="craft-technique"></terroir-stories>
 * @csspart root - the widget's outer box
 * @csspart grid - the list; card - one story; image; title
 * @csspart expander - the "read the story" disclosure; story, media, transcript, products as in terroir-story
 * @csspart skeleton - loading placeholder; error - error state with retry
 * @event terroir:add-to-cart - a linked product was added
 * @cssprop --terroir-font - font (default: inherited from the page)
 * @cssprop --terroir-color-text - text colour (default: inherited)
 * @cssprop --terroir-color-accent - buttons, links, disclosures, in-season badge (#2d6a3e)
 * @cssprop --terroir-color-accent-text - text on accent (#fff)
 * @cssprop --terroir-color-surface - cards and inputs (#fff)
 * @cssprop --terroir-color-muted - secondary text (#57534e)
 * @cssprop --terroir-color-border - borders (#d6d3d1)
 * @cssprop --terroir-color-focus - focus ring (#1d4ed8)
 * @cssprop --terroir-radius - corners (.5rem)
 * @cssprop --terroir-gap - grid gaps (1rem)
 */
export function Stories(props: StoriesProps) {
  const w = useWidget(props);
  return (
    <Frame lang={w.lang} announcement={w.announcement}>
      <StoryList w={w} kind={props.kind} product={props.product} limit={props.limit} />
    </Frame>
  );
}

/** Story summaries, each expandable to the full story. Used by terroir-stories and product cards. */
export function StoryList(props: { w: WidgetContext; kind?: string; product?: string; limit?: string }) {
  const { config, t } = props.w;
  const params = { kind: props.kind, product: props.product, limit: props.limit };
  const [list, retry] = useResource(JSON.stringify([config, params]), () => get<Page<StorySummary>>(config, '/stories', params));
  if (list.state !== 'ready') return <Pending resource={list} retry={retry} t={t} />;
  if (list.data.items.length === 0) return <p class="msg">{translator(props.w.lang, STORY_MESSAGES)('noStories')}</p>;
  return (
    <ul class="grid" part="grid">
      {list.data.items.map((s) => (
        <li class="card" part="card">
          <Picture image={s.image} sizes="(min-width: 48rem) 16rem, 100vw" />
          <strong part="title">{s.title}</strong>
          <p>{s.summary}</p>
          <Expander summary={translator(props.w.lang, STORY_MESSAGES)('readMore')}>
            <StoryView w={props.w} slug={s.slug} heading={3} />
          </Expander>
        </li>
      ))}
    </ul>
  );
}
