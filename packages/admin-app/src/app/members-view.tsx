import type { AdminSchemas } from '@terroir/client/admin';
import { useState } from 'preact/hooks';
import { api } from './api';
import { FormError, LoadNotice, Page, SelectField, TextField } from './form-fields';
import { useFormState, useLoad } from './form-state';
import { useWorkspace, type Role } from './workspace';

interface Member {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}
/** An invitation as the admin API answers it (docs/admin-openapi.json, type-only import). */
export type Invitation = AdminSchemas['Invitation'];
interface CreatedInvitation {
  invitation: Invitation;
  code: string;
  acceptUrl: string;
}

const ROLES: Role[] = ['owner', 'editor', 'fulfilment'];

/** The link as the invitee opens it: the API's `/admin/#/accept/<code>` on this site's origin. */
const absolute = (url: string) => new URL(url, location.origin).href;

/** Copies text; where the Clipboard API is refused (plain http, old WebView) the text stays selectable on screen. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The invitation just made: its link and code to pass on by WeChat, SMS or in person (the app sends no mail). */
function InvitationCreated({ created, onDone }: { created: CreatedInvitation; onDone: () => void }) {
  const { t, label, announce, locale } = useWorkspace();
  const link = absolute(created.acceptUrl);
  const expires = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(created.invitation.expiresAt));
  return (
    <section class="notice invitation-created" aria-labelledby="invitation-created-title" tabIndex={-1} id="invitation-created">
      <h2 id="invitation-created-title">{t('invitationReady')}</h2>
      <p>
        {created.invitation.email} · {label(created.invitation.role)} · {t('expires')} {expires}
      </p>
      <p>{t('noMailSent')}</p>
      <div class="field">
        <label for="invitation-link">{t('invitationLink')}</label>
        <textarea id="invitation-link" class="code" readOnly rows={3} value={link} onFocus={(e) => (e.currentTarget as HTMLTextAreaElement).select()} />
      </div>
      <div class="field">
        <label for="invitation-code">{t('invitationCode')}</label>
        <input id="invitation-code" class="code" readOnly value={created.code} onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} />
      </div>
      <div class="actions">
        <button type="button" class="button primary" onClick={async () => announce((await copyText(link)) ? t('copied') : t('copyByHand'))}>
          {t('copyLink')}
        </button>
        <button type="button" class="button" onClick={onDone}>
          {t('done')}
        </button>
      </div>
    </section>
  );
}

/** Owners: who works in the cooperative, with which role; invitations by link or code. */
export function MembersView({ userEmail }: { userEmail: string }) {
  const { t, label, base, announce, errorMessage } = useWorkspace();
  const members = useLoad(() => api<{ items: Member[] }>('GET', `${base}/members`).then((r) => r.items), [base]);
  const invitations = useLoad(() => api<{ items: Invitation[] }>('GET', `${base}/invitations`).then((r) => r.items), [base]);
  const [error, setError] = useState<string | null>(null);
  const inviteForm = useFormState<{ email: string; role: Role }>({ initial: { email: '', role: 'editor' }, load: null, deps: [base] });
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  async function act(work: () => Promise<unknown>, done: string) {
    setError(null);
    try {
      await work();
      announce(done);
    } catch (e) {
      setError(errorMessage(e));
      announce(errorMessage(e));
    }
  }

  const invite = (event: Event) => {
    event.preventDefault();
    void inviteForm
      .submit(async ({ email, role }) => {
        const result = await api<CreatedInvitation>('POST', `${base}/invitations`, { email: email.trim(), role });
        setCreated(result);
        invitations.setData((list) => [result.invitation, ...list.filter((i) => i.id !== result.invitation.id)]);
        requestAnimationFrame(() => document.getElementById('invitation-created')?.focus());
      })
      .then((sent) => {
        if (sent) {
          inviteForm.reset({ email: '', role: inviteForm.values.role });
          announce(t('invitationReady'));
        }
      });
  };

  return (
    <Page title={t('navMembers')}>
      <FormError message={error} />
      <h2>{t('currentMembers')}</h2>
      <LoadNotice state={members.state} onRetry={members.retry} />
      <ul class="cards">
        {members.data?.map((m) => (
          <li key={m.id} class="card member" data-member={m.email}>
            <span class="card-text">
              <strong>{m.displayName || m.email}</strong>
              <span class="muted">{m.email}</span>
            </span>
            <SelectField
              label={t('role')}
              labelHint={m.displayName || m.email}
              name={`role-${m.id}`}
              value={m.role}
              options={ROLES.map((r) => ({ value: r, label: label(r) }))}
              onChange={(value) =>
                void act(
                  async () => {
                    await api('PATCH', `${base}/members/${m.id}`, { role: value });
                    members.setData((list) => list.map((x) => (x.id === m.id ? { ...x, role: value as Role } : x)));
                  },
                  `${t('roleChanged')}: ${m.email} → ${label(value)}`,
                ).then(() => members.reload())
              }
            />
            {m.email === userEmail ? (
              <span class="muted">{t('thisIsYou')}</span>
            ) : (
              <button
                type="button"
                class="link danger"
                onClick={() => {
                  if (confirm(t('confirmRemoveMember').replace('{who}', m.displayName || m.email)))
                    void act(
                      async () => {
                        await api('DELETE', `${base}/members/${m.id}`);
                        members.setData((list) => list.filter((x) => x.id !== m.id));
                      },
                      `${t('memberRemoved')}: ${m.email}`,
                    );
                }}
              >
                {t('removeMember')}
              </button>
            )}
          </li>
        ))}
      </ul>

      {created ? <InvitationCreated created={created} onDone={() => setCreated(null)} /> : null}

      <form class="form" onSubmit={invite} noValidate>
        <fieldset>
          <legend>{t('inviteSomeone')}</legend>
          <p class="muted">{t('inviteHelp')}</p>
          <FormError message={inviteForm.formError} />
          <TextField
            label={t('email')}
            name="email"
            type="email"
            value={inviteForm.values.email}
            onInput={(v) => inviteForm.set('email', v)}
            error={inviteForm.errors.email}
            autoComplete="off"
            required
          />
          <SelectField
            label={t('role')}
            name="role"
            value={inviteForm.values.role}
            onChange={(v) => inviteForm.set('role', v as Role)}
            options={ROLES.map((r) => ({ value: r, label: `${label(r)} · ${t(`roleHelp_${r}`)}` }))}
            error={inviteForm.errors.role}
          />
          <button type="submit" class="button primary" disabled={inviteForm.saving}>
            {t('createInvitation')}
          </button>
        </fieldset>
      </form>

      <h2>{t('pendingInvitations')}</h2>
      <LoadNotice state={invitations.state} onRetry={invitations.retry} />
      {invitations.data?.length === 0 ? <p class="muted">{t('noPendingInvitations')}</p> : null}
      <ul class="cards">
        {invitations.data?.map((i) => (
          <li key={i.id} class="card" data-invitation={i.email}>
            <span class="card-text">
              <strong>{i.email}</strong>
              <span class="muted">
                {label(i.role)} · {t('expires')} {new Date(i.expiresAt).toLocaleDateString()}
              </span>
            </span>
            <button
              type="button"
              class="link danger"
              aria-label={`${t('revokeInvitation')}: ${i.email}`}
              onClick={() => {
                if (confirm(t('confirmRevoke').replace('{who}', i.email)))
                  void act(
                    async () => {
                      await api('DELETE', `${base}/invitations/${i.id}`);
                      invitations.setData((list) => list.filter((x) => x.id !== i.id));
                      if (created?.invitation.id === i.id) setCreated(null);
                    },
                    `${t('invitationRevoked')}: ${i.email}`,
                  );
              }}
            >
              {t('revokeInvitation')}
            </button>
          </li>
        ))}
      </ul>
    </Page>
  );
}
