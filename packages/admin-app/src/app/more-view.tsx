import { Page, SelectField } from './form-fields';
import type { MessageKey } from './messages';
import { useWorkspace, type Role } from './workspace';

/** The screens behind the "More" tab, each for the roles that may use it. */
export const MORE_LINKS: Array<{ view: string; title: MessageKey; help: MessageKey; roles: Role[] }> = [
  { view: 'producers', title: 'navProducers', help: 'moreProducersHelp', roles: ['owner', 'editor'] },
  { view: 'museum', title: 'navMuseum', help: 'moreMuseumHelp', roles: ['owner', 'editor'] },
  { view: 'members', title: 'navMembers', help: 'moreMembersHelp', roles: ['owner'] },
  { view: 'settings', title: 'navSettings', help: 'moreSettingsHelp', roles: ['owner'] },
  { view: 'audit', title: 'navAudit', help: 'moreAuditHelp', roles: ['owner'] },
  { view: 'search-misses', title: 'navSearchMisses', help: 'moreSearchMissesHelp', roles: ['owner', 'editor'] },
  { view: 'account', title: 'navAccount', help: 'moreAccountHelp', roles: ['owner', 'editor', 'fulfilment'] },
];

/** "More": the less daily screens (five tabs is what fits a 360 px phone), and the cooperative switch for people in several. */
export function MoreView({
  memberships,
  current,
  onSwitch,
}: {
  memberships: Array<{ cooperativeSlug: string; role: Role }>;
  current: string;
  onSwitch: (slug: string) => void;
}) {
  const { t, label, role } = useWorkspace();
  return (
    <Page title={t('navMore')}>
      <ul class="cards">
        {MORE_LINKS.filter((l) => l.roles.includes(role)).map((l) => (
          <li key={l.view}>
            <a class="card" href={`#/${l.view}`}>
              <span class="card-text">
                <strong>{t(l.title)}</strong>
                <span class="muted">{t(l.help)}</span>
              </span>
            </a>
          </li>
        ))}
      </ul>
      {memberships.length > 1 ? (
        <SelectField
          label={t('switchCooperative')}
          name="cooperative"
          value={current}
          onChange={onSwitch}
          options={memberships.map((m) => ({ value: m.cooperativeSlug, label: `${m.cooperativeSlug} · ${label(m.role)}` }))}
        />
      ) : null}
    </Page>
  );
}
