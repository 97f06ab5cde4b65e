import { parseArgs } from 'node:util';
import { AccountError, ROLES, changePassword, createUser, findUserByEmail, loadCooperativeBySlug, recordAudit, setMembership, type Role } from '@terroir/core';
import { CliFailure, CliUsageError, readPassword, withDatabase, type CliCommand } from './cli-io';

export const usersCommand: CliCommand = {
  name: 'users',
  summary: "add a member to a cooperative, or reset a user's password",
  usage: `terroir users add --coop <slug> --email <email> [--role owner|editor|fulfilment] [--db <url>]
terroir users reset-password --email <email> [--db <url>]
  A new password comes from TERROIR_OWNER_PASSWORD or the first line of stdin.`,
  async run(args, io) {
    const [action, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { coop: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, db: { type: 'string' } },
    });
    if (positionals.length > 0) throw new CliUsageError(`unexpected ${positionals.join(' ')}`);
    const { email } = values;
    if (action === 'add') {
      const role = (values.role ?? 'owner') as Role;
      if (!values.coop || !email) throw new CliUsageError('users add needs --coop and --email');
      if (!(ROLES as readonly string[]).includes(role)) throw new CliUsageError(`--role must be one of ${ROLES.join(', ')}`);
      await withDatabase(values.db, io, async ({ db }) => {
        const coop = await loadCooperativeBySlug(db, values.coop!);
        if (!coop) throw new CliFailure(`no cooperative with slug "${values.coop}"`);
        let user = await findUserByEmail(db, email);
        if (!user) {
          try {
            user = await createUser(db, { email, password: await readPassword(io) });
          } catch (error) {
            if (error instanceof AccountError) throw new CliFailure(error.message);
            throw error;
          }
          io.stdout(`created user ${user.email}\n`);
        }
        await setMembership(db, user.id, coop.id, role);
        await recordAudit(db, {
          cooperativeId: coop.id,
          actor: { kind: 'system', name: 'cli' },
          action: 'member.set',
          entity: 'membership',
          entityId: user.id,
          after: { email: user.email, role },
        });
        io.stdout(`${user.email} is ${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} of ${coop.slug}\n`);
      });
      return;
    }
    if (action === 'reset-password') {
      if (!email) throw new CliUsageError('users reset-password needs --email');
      await withDatabase(values.db, io, async ({ db }) => {
        const user = await findUserByEmail(db, email);
        if (!user) throw new CliFailure(`no user ${email}`);
        try {
          await changePassword(db, user.id, await readPassword(io));
        } catch (error) {
          if (error instanceof AccountError) throw new CliFailure(error.message);
          throw error;
        }
        io.stdout(`password of ${user.email} changed; their other sessions are signed out\n`);
      });
      return;
    }
    throw new CliUsageError(action ? `unknown users action: ${action}` : 'users needs an action: add or reset-password');
  },
};
