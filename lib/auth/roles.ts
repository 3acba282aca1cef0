// Roles (SPEC §1): an admin manages editor accounts; an editor writes and publishes.
import { createAccessControl } from 'better-auth/plugins/access';
import { adminAc, defaultStatements } from 'better-auth/plugins/admin/access';

export const ac = createAccessControl(defaultStatements);
export const roles = {
  admin: ac.newRole({ ...adminAc.statements }),
  // No user or session management.
  editor: ac.newRole({ user: [], session: [] }),
};
export type Role = keyof typeof roles;
export const isRole = (v: unknown): v is Role => v === 'admin' || v === 'editor';
