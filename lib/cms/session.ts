// Who is editing: every CMS page and Server Action asks the database (through better-auth)
// afresh, so a revoked session or a deactivated editor is refused on the very next request.
import 'server-only';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { redirect } from 'next/navigation';
import { getAuth } from '@/lib/auth/auth';
import { isRole, type Role } from '@/lib/auth/roles';

export interface Editor {
  id: string;
  name: string;
  email: string;
  role: Role;
}

export async function currentEditor(): Promise<Editor | null> {
  // Request time first: nothing here may run while Next prerenders (build, or the static
  // stage of a request); better-auth reads the clock to check expiry.
  await connection();
  const requestHeaders = await headers();
  const auth = await getAuth();
  const result = await auth.api.getSession({ headers: requestHeaders });
  if (!result) return null;
  const u = result.user as typeof result.user & { role?: unknown; banned?: boolean | null };
  if (u.banned || !isRole(u.role)) return null;
  return { id: u.id, name: u.name, email: u.email, role: u.role };
}

/** For pages: the editor, or a redirect to sign-in. */
export async function requireEditor(role: Role = 'editor'): Promise<Editor> {
  const editor = await currentEditor();
  if (!editor) redirect('/cms/login');
  if (role === 'admin' && editor.role !== 'admin') redirect('/cms?denied=admin');
  return editor;
}
