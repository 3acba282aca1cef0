// One change, one transaction: the action's work and its revision commit together or not at
// all (SPEC §5). The action wrapper runs every mutation through this.
import 'server-only';
import type { Db, Tx } from '@/db/client';
import { revisions } from '@/db/schema';
import type { RunResult } from './action';
import type { Editor } from './session';

export async function commitChange(db: Db, editor: Editor, run: (tx: Tx) => Promise<RunResult>): Promise<RunResult> {
  return db.transaction(async (tx) => {
    const result = await run(tx);
    if (result.revision) await tx.insert(revisions).values({ ...result.revision, editorId: editor.id, editorName: editor.name });
    return result;
  });
}
