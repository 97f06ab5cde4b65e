import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { focusFirstInvalid, FormError, LoadNotice, LoadState, Page, SelectField, TextField } from '../form-fields';
import { useLoad } from '../form-state';
import { useWorkspace } from '../workspace';
import { BackLink, emptyLinks, LinkChecklists, useChoices, type LinkKind, type MuseumLinks } from './museum-parts';
import { useMuseumText, type MuseumKey } from './museum-text';

type MemoryStatus = 'pending' | 'approved' | 'rejected';

interface MemoryMedia {
  id: string;
  kind: 'image' | 'audio';
  mimeType: string;
  url: string;
}

/** A memory as the moderation queue shows it (contact included: editors only). */
export interface Memory {
  id: string;
  status: MemoryStatus;
  visibility: 'public' | 'community';
  contributorName: string | null;
  contact: string | null;
  text: string;
  publishedText: string | null;
  language: 'zh-CN' | 'en';
  licence: 'cc-by-4.0' | 'museum-use-only';
  photos: MemoryMedia[];
  audio: MemoryMedia | null;
  links: MuseumLinks;
  rejectionNote: string | null;
  demo: boolean;
  createdAt: string;
}

const STATUSES: MemoryStatus[] = ['pending', 'approved', 'rejected'];

/**
 * Where a memory stands, in words that say whether the public can see it.
 *
 * @example
 * <MemoryStatusBadge memory={memory} /> // 待审核 — 未公开：通过审核前，谁也看不到。
 */
function MemoryStatusBadge({ memory }: { memory: Pick<Memory, 'status' | 'visibility'> }) {
  const m = useMuseumText();
  const detail: MuseumKey =
    memory.status === 'pending'
      ? 'statusNotPublic'
      : memory.status === 'rejected'
        ? 'statusRejected'
        : memory.visibility === 'public'
          ? 'statusPublic'
          : 'statusCommunity';
  return (
    <span class={`memory-status status-${memory.status}`} data-status={memory.status}>
      <strong>{m(memory.status)}</strong> · {m(detail)}
    </span>
  );
}

/** Who sent it, marked as demo content when it is (unless the name says so already). */
const senderName = (memory: Pick<Memory, 'contributorName' | 'demo'>, m: (key: MuseumKey) => string) => {
  const name = memory.contributorName ?? m('anonymous');
  return memory.demo && !name.includes(m('demo')) ? `${name}${m('demoMark')}` : name;
};

const when = (iso: string, locale: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });

/** The moderation queue: pending first (oldest first), with the count of each status and a filter by status. */
export function MemoryQueue() {
  const { base, locale } = useWorkspace();
  const m = useMuseumText();
  const [status, setStatus] = useState<'' | MemoryStatus>('pending');
  const queue = useLoad(
    () => api<{ items: Memory[]; counts: Record<MemoryStatus, number> }>('GET', `${base}/museum/memories${status ? `?status=${status}` : ''}`),
    [base, status],
  );
  const counts = queue.data?.counts;
  return (
    <Page title={m('memories')}>
      <BackLink href="#/museum" title={m('museum')} />
      <div class="tabs status-tabs" role="group" aria-label={m('status')}>
        {(['pending', 'approved', 'rejected', ''] as const).map((s) => (
          <button key={s || 'all'} type="button" class={`button${status === s ? ' selected' : ''}`} aria-pressed={status === s} onClick={() => setStatus(s)}>
            {s ? m(s) : m('all')}
            {counts ? ` (${s ? counts[s] : STATUSES.reduce((n, k) => n + counts[k], 0)})` : ''}
          </button>
        ))}
      </div>
      <LoadNotice state={queue.state} onRetry={queue.retry} />
      {queue.data?.items.length === 0 ? <p>{m('noneYet')}</p> : null}
      <ul class="cards">
        {queue.data?.items.map((memory) => (
          <li key={memory.id} data-memory={memory.id}>
            <a class="card" href={`#/museum-memories/${memory.id}`}>
              <span class="card-text">
                <MemoryStatusBadge memory={memory} />
                <strong>{senderName(memory, m)}</strong>
                <span class="memory-excerpt">{(memory.publishedText ?? memory.text).slice(0, 80)}</span>
                <span class="muted">
                  {m('receivedAt')} {when(memory.createdAt, locale)}
                  {memory.photos.length ? ` · 📷 ${memory.photos.length}` : ''}
                  {memory.audio ? ' · 🎙' : ''}
                </span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}

const LINK_KINDS: LinkKind[] = ['places', 'people', 'stories', 'products', 'producers'];

/**
 * One memory: what was sent (text, photos, audio, licence, contact), and the editor's decision:
 * approve (with edited text, who may see it and links), reject with a note, or delete.
 */
export function MemoryReview({ id }: { id: string }) {
  const { t, base, locale, announce, navigate, setDirty, errorText, errorMessage } = useWorkspace();
  const m = useMuseumText();
  const loaded = useLoad(() => api<{ memory: Memory }>('GET', `${base}/museum/memories/${id}`).then((r) => r.memory), [base, id]);
  const choices = useChoices(LINK_KINDS);
  const [text, setText] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'community'>('public');
  const [links, setLinks] = useState<MuseumLinks>(emptyLinks());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const memory = loaded.data;

  useEffect(() => {
    if (!memory) return;
    setText(memory.publishedText ?? memory.text);
    setVisibility(memory.visibility);
    setLinks({ ...emptyLinks(), ...memory.links });
    setNote(memory.rejectionNote ?? '');
    setDirty(false);
  }, [memory]);

  /** Runs one decision; the server's reasons land on their fields. */
  async function decide(work: () => Promise<Memory | null>, done: MuseumKey) {
    setBusy(true);
    setErrors({});
    setFormError(null);
    announce(m('working'));
    try {
      const saved = await work();
      setDirty(false);
      announce(m(done));
      if (saved) loaded.setData(() => saved);
      else navigate('#/museum-memories');
    } catch (e) {
      if (e instanceof ApiError && e.status !== 0) {
        const byField = e.fieldErrors(errorText);
        setErrors(byField);
        setFormError(Object.keys(byField).length ? t('fixErrors') : errorText(e.code, e.message));
        focusFirstInvalid();
      } else setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const approve = (event: Event) => {
    event.preventDefault();
    if (!text.trim()) {
      setErrors({ text: m('needText') });
      focusFirstInvalid();
      return;
    }
    void decide(async () => {
      const body = { text: text.trim(), visibility, links: Object.fromEntries(LINK_KINDS.map((k) => [k, links[k]])) };
      return (await api<{ memory: Memory }>('POST', `${base}/museum/memories/${id}/approve`, body)).memory;
    }, 'approvedDone');
  };
  const reject = () => {
    if (!confirm(m('confirmReject'))) return;
    void decide(
      async () => (await api<{ memory: Memory }>('POST', `${base}/museum/memories/${id}/reject`, { note: note.trim() || null })).memory,
      'rejectedDone',
    );
  };
  const remove = () => {
    if (!confirm(m('confirmDeleteMemory'))) return;
    void decide(async () => {
      await api('DELETE', `${base}/museum/memories/${id}`);
      return null;
    }, 'deleted');
  };

  if (!memory) return <LoadState title={m('memories')} state={loaded.state} onRetry={loaded.retry} />;
  const edited = () => setDirty(true);
  return (
    <Page title={`${m('memories')} · ${senderName(memory, m)}`}>
      <BackLink href="#/museum-memories" title={m('memories')} />
      <p class="memory-state" data-memory-state={memory.status}>
        <MemoryStatusBadge memory={memory} />
      </p>
      <dl class="memory-facts">
        <dt>{m('from')}</dt>
        <dd>{senderName(memory, m)}</dd>
        {memory.contact ? (
          <>
            <dt>{m('contact')}</dt>
            <dd>{memory.contact}</dd>
          </>
        ) : null}
        <dt>{m('licence')}</dt>
        <dd>{m(`licence_${memory.licence}` as MuseumKey)}</dd>
        <dt>{m('receivedAt')}</dt>
        <dd>{when(memory.createdAt, locale)}</dd>
      </dl>
      {/* Plain text sent in by the public: rendered as text, never as HTML. */}
      <blockquote class="memory-text" lang={memory.language}>
        {memory.text}
      </blockquote>
      {memory.photos.length ? (
        <ul class="photos">
          {memory.photos.map((p, i) => (
            <li key={p.id}>
              <img src={p.url} alt={m('photoN', { n: i + 1 })} loading="lazy" />
            </li>
          ))}
        </ul>
      ) : null}
      {/* biome-ignore lint/a11y/useMediaCaption: a sender's recording has no transcript yet; the text above is what they wrote. */}
      {memory.audio ? <audio controls preload="none" src={memory.audio.url} /> : null}

      <form class="form" onSubmit={approve} noValidate>
        <FormError message={formError} />
        <TextField
          label={m('textAsPublished')}
          name="text"
          value={text}
          onInput={(x) => {
            setText(x);
            edited();
          }}
          multiline
          rows={6}
          error={errors.text}
        />
        <SelectField
          label={m('visibility')}
          name="visibility"
          value={visibility}
          onChange={(x) => {
            setVisibility(x as 'public' | 'community');
            edited();
          }}
          options={[
            { value: 'public', label: m('public') },
            { value: 'community', label: m('community') },
          ]}
          error={errors.visibility}
        />
        <section class="panel" aria-labelledby="memory-links">
          <h2 id="memory-links">{m('links')}</h2>
          <LoadNotice state={choices.state} onRetry={choices.retry} />
          {choices.data ? (
            <LinkChecklists
              kinds={LINK_KINDS}
              choices={choices.data}
              links={links}
              onChange={(l) => {
                setLinks(l);
                edited();
              }}
              errors={Object.fromEntries(Object.entries(errors).map(([k, v]) => [k.replace(/^links\./, ''), v]))}
            />
          ) : null}
        </section>
        <p class="muted">{m('approveHint')}</p>
        <button type="submit" class="button primary wide" disabled={busy}>
          {busy ? m('working') : m('approve')}
        </button>
      </form>
      <div class="form">
        <TextField
          label={m('rejectNote')}
          name="note"
          value={note}
          onInput={(x) => {
            setNote(x);
            edited();
          }}
          multiline
          rows={2}
          error={errors.note}
        />
        <div class="actions">
          <button type="button" class="button" disabled={busy || memory.status === 'rejected'} onClick={reject}>
            {m('reject')}
          </button>
          <button type="button" class="button danger" disabled={busy} onClick={remove}>
            {m('deleteMemory')}
          </button>
        </div>
      </div>
    </Page>
  );
}
