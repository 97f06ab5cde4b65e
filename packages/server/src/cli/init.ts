import { parseArgs } from 'node:util';
import { AccountError, createCooperative, createUser, findUserByEmail, loadCooperativeBySlug, recordAudit, setMembership } from '@terroir/core';
import { CliFailure, CliUsageError, databaseUrl, readPassword, withDatabase, type CliCommand } from './cli-io';

/** The storefront's slug rule (lower-case words joined by single hyphens). */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'create and migrate the database, create a cooperative and its owner',
  usage: `terroir init --slug <slug> --name <name> --owner-email <email> [--name-en <name>] [--db <url>]
  The owner's password comes from TERROIR_OWNER_PASSWORD or the first line of stdin.`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: { slug: { type: 'string' }, name: { type: 'string' }, 'name-en': { type: 'string' }, 'owner-email': { type: 'string' }, db: { type: 'string' } },
    });
    const { slug, name } = values;
    const email = values['owner-email'];
    if (!slug || !name || !email) throw new CliUsageError('init needs --slug, --name and --owner-email');
    if (!SLUG.test(slug) || slug.length > 80)
      throw new CliFailure(`invalid slug "${slug}": use lower-case letters, digits and single hyphens (e.g. laiyang-pear)`);
    const password = await readPassword(io);
    await withDatabase(values.db, io, async ({ db }) => {
      if (await loadCooperativeBySlug(db, slug)) throw new CliFailure(`a cooperative "${slug}" already exists in ${databaseUrl(values.db, io)}`);
      if (await findUserByEmail(db, email)) throw new CliFailure(`a user ${email} already exists; use \`terroir users add\` to make them a member`);
      let user: Awaited<ReturnType<typeof createUser>>;
      try {
        // The user first: a refused password (too short, too common) leaves no cooperative behind.
        user = await createUser(db, { email, password });
      } catch (error) {
        if (error instanceof AccountError) throw new CliFailure(error.message);
        throw error;
      }
      const coop = await createCooperative(db, {
        slug,
        name: { 'zh-CN': name, ...(values['name-en'] ? { en: values['name-en'] } : {}) },
        description: {},
        place: { name: {} },
        contact: {},
        allowedOrigins: [],
      });
      await setMembership(db, user.id, coop.id, 'owner');
      await recordAudit(db, {
        cooperativeId: coop.id,
        actor: { kind: 'system', name: 'cli' },
        action: 'member.set',
        entity: 'membership',
        entityId: user.id,
        after: { email: user.email, role: 'owner' },
      });
      io.stdout(`created cooperative ${slug} and its owner ${user.email} in ${databaseUrl(values.db, io)}\n`);
    });
  },
};
