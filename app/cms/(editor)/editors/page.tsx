import type { Metadata } from 'next';
import { listEditors } from '@/lib/cms/editors';
import { takeFlash } from '@/lib/cms/flash';
import { requireEditor } from '@/lib/cms/session';
import { ChangeEditorForm, CreateEditorForm } from './editor-forms';

export const metadata: Metadata = { title: 'Editors' };

export default async function EditorsPage() {
  const me = await requireEditor('admin');
  const editors = await listEditors();
  const createFlash = await takeFlash('editor-create');
  const changeFlashes = new Map<string, Awaited<ReturnType<typeof takeFlash>>>();
  for (const e of editors) changeFlashes.set(e.id, await takeFlash(`editor-change:${e.id}`));
  return (
    <main>
      <h1>Editors</h1>
      <p className="meta">Deactivating an account signs it out everywhere at once. There is no public sign-up.</p>
      <table className="cms-table">
        <thead><tr><th>Name</th><th>E-mail</th><th>Role</th><th>Status</th><th>Change</th></tr></thead>
        <tbody>
          {editors.map((e) => (
            <tr key={e.id}>
              <td>{e.name}</td>
              <td>{e.email}</td>
              <td>{e.role}</td>
              <td>{e.banned ? 'deactivated' : 'active'}</td>
              <td>{e.id === me.id ? <span className="meta">you</span> : <ChangeEditorForm userId={e.id} email={e.email} role={e.role} banned={e.banned} flash={changeFlashes.get(e.id)} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateEditorForm flash={createFlash} />
    </main>
  );
}
