import { createUser, findUserByEmail, roleIn, setMembership, type TerroirDatabase } from '@terroir/core';

/** The demo's workspace login. Only for the demo: a real cooperative creates its owner with `terroir create-owner`. */
export const DEMO_OWNER = { email: 'owner@laiyang-pear.demo', password: 'pear-blossom-demo' } as const;

/**
 * Creates the demo owner of the demo cooperative unless it exists (a second start changes nothing).
 *
 * @example
 * await ensureDemoOwner(database.db, seeded.cooperativeId);
 */
export async function ensureDemoOwner(db: TerroirDatabase['db'], cooperativeId: string): Promise<{ created: boolean }> {
  let user = await findUserByEmail(db, DEMO_OWNER.email);
  const created = !user;
  user ??= await createUser(db, { email: DEMO_OWNER.email, password: DEMO_OWNER.password, displayName: '演示管理员 Demo owner' });
  if (!(await roleIn(db, user.id, cooperativeId))) await setMembership(db, user.id, cooperativeId, 'owner');
  return { created };
}
