// Creating editor accounts outside a request (first start, `npm run cms:create-admin`, tests),
// through better-auth's own password hashing and adapter.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { user } from '@/db/schema';
import type { Auth } from './auth';
import type { Role } from './roles';

export async function createAccount(auth: Auth, db: Db, input: { email: string; password: string; name: string; role: Role }): Promise<string> {
  const email = input.email.trim().toLowerCase();
  const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
  if (existing) throw new Error(`An account for ${email} already exists.`);
  const ctx = await auth.$context;
  if (input.password.length < 10) throw new Error('The password must have at least 10 characters.');
  const created = await ctx.internalAdapter.createUser({ email, name: input.name, emailVerified: true, role: input.role }, { method: 'admin' });
  await ctx.internalAdapter.linkAccount({
    userId: created.id,
    providerId: 'credential',
    accountId: created.id,
    password: await ctx.password.hash(input.password),
  });
  return created.id;
}

export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

export async function hasAnyAdmin(db: Db): Promise<boolean> {
  const rows = await db.select({ id: user.id }).from(user).where(eq(user.role, 'admin')).limit(1);
  return rows.length > 0;
}
