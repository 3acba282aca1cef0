// Editor accounts, managed by admins inside the CMS transaction: roles, deactivation (which
// ends the editor's sessions at once) and new accounts hashed with better-auth's own hasher.
import 'server-only';
import { cmsDb } from './db';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Tx } from '@/db/client';
import { account, session, user } from '@/db/schema';
import { getAuth } from '@/lib/auth/auth';
import type { RunResult } from './action';
import { ActionRefusal } from './refusals';
import { requiredLine } from './forms';
import type { Editor } from './session';

const role = z.enum(['admin', 'editor'], { error: 'Choose admin or editor.' });

export const createEditorSchema = z
  .object({
    name: requiredLine('The name', 200),
    email: z.string().trim().toLowerCase().max(320).email('Enter a valid e-mail address.'),
    password: z.string().min(10, 'Use at least 10 characters.').max(256, 'Use at most 256 characters.'),
    role,
  })
  .strict();

export const changeEditorSchema = z
  .object({
    userId: z.string().min(1).max(100),
    change: z.enum(['role', 'deactivate', 'reactivate'], { error: 'Unknown change.' }),
    role: role.optional(),
  })
  .strict();

export async function listEditors() {
  const db = await cmsDb();
  return db.select({ id: user.id, name: user.name, email: user.email, role: user.role, banned: user.banned, createdAt: user.createdAt }).from(user).orderBy(asc(user.name));
}

export async function createEditor(tx: Tx, input: z.infer<typeof createEditorSchema>): Promise<RunResult> {
  const [existing] = await tx.select({ id: user.id }).from(user).where(eq(user.email, input.email));
  if (existing) throw new ActionRefusal('invalid', 'Please correct the highlighted fields.', { email: 'An account with this e-mail already exists.' });
  const hash = await (await getAuth()).$context.then((ctx) => ctx.password.hash(input.password));
  const id = randomUUID();
  const now = new Date();
  await tx.insert(user).values({ id, name: input.name, email: input.email, emailVerified: true, role: input.role, createdAt: now, updatedAt: now });
  await tx.insert(account).values({ id: randomUUID(), accountId: id, providerId: 'credential', userId: id, password: hash, createdAt: now, updatedAt: now });
  return { message: `Created ${input.role} ${input.email}.`, tags: [] };
}

export async function changeEditor(tx: Tx, input: z.infer<typeof changeEditorSchema>, admin: Editor): Promise<RunResult> {
  if (input.userId === admin.id) throw new ActionRefusal('invalid', 'You cannot change your own account here (that could lock every admin out).');
  const [target] = await tx.select().from(user).where(eq(user.id, input.userId));
  if (!target) throw new ActionRefusal('invalid', 'This account no longer exists.');
  const now = new Date();
  switch (input.change) {
    case 'role':
      if (!input.role) throw new ActionRefusal('invalid', 'Choose a role.', { role: 'Choose a role.' });
      await tx.update(user).set({ role: input.role, updatedAt: now }).where(eq(user.id, target.id));
      return { message: `${target.email} is now ${input.role === 'admin' ? 'an admin' : 'an editor'}.`, tags: [] };
    case 'deactivate':
      await tx.update(user).set({ banned: true, banReason: `Deactivated by ${admin.email}`, updatedAt: now }).where(eq(user.id, target.id));
      // Ends every session of theirs now, not at expiry.
      await tx.delete(session).where(eq(session.userId, target.id));
      return { message: `${target.email} is deactivated and signed out everywhere.`, tags: [] };
    case 'reactivate':
      await tx.update(user).set({ banned: false, banReason: null, banExpires: null, updatedAt: now }).where(and(eq(user.id, target.id), ne(user.id, admin.id)));
      return { message: `${target.email} can sign in again.`, tags: [] };
  }
}
