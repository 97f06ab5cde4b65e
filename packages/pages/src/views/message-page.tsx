import { messagesFor } from '../page-messages';
import type { PageContext } from '../page-context';
import { PageDocument } from './page-document';

/**
 * The 404 (and 400) page: the same message in both languages, the served one first, with a
 * way back to the cooperative's home. Not indexed.
 */
export function MessagePage({ ctx, kind, detail }: { ctx: PageContext; kind: 'not-found' | 'bad-request'; detail?: string }) {
  const other = ctx.locale === 'zh-CN' ? 'en' : 'zh-CN';
  const block = (locale: 'zh-CN' | 'en', first: boolean) => {
    const t = messagesFor(locale);
    const Heading = first ? 'h1' : 'h2';
    return (
      <section lang={locale}>
        <Heading>{kind === 'not-found' ? t.notFoundTitle : t.badRequestTitle}</Heading>
        <p>{kind === 'not-found' ? t.notFoundBody : detail}</p>
        <p>
          <a href={ctx.urls.path(locale, 'home')}>{t.goHome}</a>
        </p>
      </section>
    );
  };
  return (
    <PageDocument
      ctx={ctx}
      meta={{ title: kind === 'not-found' ? ctx.t.notFoundTitle : ctx.t.badRequestTitle, description: ctx.t.notFoundBody, ogType: 'website', noindex: true }}
    >
      {block(ctx.locale, true)}
      {block(other, false)}
    </PageDocument>
  );
}
