/** The museum section's screens behind their routes (`#/museum-…`); loaded on first use by museum-entry.tsx. */
import type { JSX } from 'preact';
import { api } from '../api';
import { Page } from '../form-fields';
import { useLoad } from '../form-state';
import { useWorkspace } from '../workspace';
import { ChronicleForm, ChronicleList } from './chronicle-view';
import { HallForm, HallList } from './halls-view';
import { MemoryQueue, MemoryReview } from './memories-view';
import { PersonForm, PersonList } from './people-view';
import { PlaceForm, PlaceList } from './places-view';
import { useMuseumText, type MuseumKey } from './museum-text';

const SECTIONS: Array<{ view: string; title: MuseumKey; help: MuseumKey }> = [
  { view: 'museum-memories', title: 'memories', help: 'memoriesHelp' },
  { view: 'museum-chronicle', title: 'chronicle', help: 'chronicleHelp' },
  { view: 'museum-places', title: 'places', help: 'placesHelp' },
  { view: 'museum-people', title: 'people', help: 'peopleHelp' },
  { view: 'museum-halls', title: 'halls', help: 'hallsHelp' },
];

/** 村史馆 / Museum: the way into each museum screen, with the memories waiting for review counted. */
export function MuseumHub() {
  const { base } = useWorkspace();
  const m = useMuseumText();
  const queue = useLoad(() => api<{ counts: { pending: number } }>('GET', `${base}/museum/memories?status=pending&limit=1`), [base]);
  const pending = queue.data?.counts.pending ?? 0;
  return (
    <Page title={m('museum')}>
      <p class="muted">{m('museumIntro')}</p>
      <ul class="cards">
        {SECTIONS.map((s) => (
          <li key={s.view}>
            <a class="card" href={`#/${s.view}`}>
              <span class="card-text">
                <strong>
                  {m(s.title)}
                  {s.view === 'museum-memories' && pending > 0 ? (
                    <>
                      {' '}
                      <span class="badge">{m('memoriesPending', { n: pending })}</span>
                    </>
                  ) : null}
                </strong>
                <span class="muted">{m(s.help)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </Page>
  );
}

/**
 * The page for a museum route, or null when the view is not the museum's.
 *
 * @example
 * museumPage('museum-places', 'plc_1', '#/museum-places/plc_1') // <PlaceForm id="plc_1" />
 */
export function museumPage(view: string, id: string | null, hash: string): JSX.Element | null {
  const editing = id !== null || hash.endsWith('/new');
  switch (view) {
    case 'museum':
      return <MuseumHub />;
    case 'museum-chronicle':
      return editing ? <ChronicleForm key={hash} id={id} /> : <ChronicleList />;
    case 'museum-places':
      return editing ? <PlaceForm key={hash} id={id} /> : <PlaceList />;
    case 'museum-people':
      return editing ? <PersonForm key={hash} id={id} /> : <PersonList />;
    case 'museum-halls':
      return editing ? <HallForm key={hash} id={id} /> : <HallList />;
    case 'museum-memories':
      return id ? <MemoryReview key={hash} id={id} /> : <MemoryQueue />;
    default:
      return null;
  }
}
