// One change, one transaction: the action's work, its revision and its change-log record commit
// together or not at all (SPEC §5, §8). The action wrapper runs every mutation through this.
import 'server-only';
import type { Db, Tx } from '@/db/client';
import { revisions } from '@/db/schema';
import type { RunResult } from './action';
import type { Editor } from './session';
import { lockChangeLog } from './change-log';

export async function commitChange(db: Db, editor: Editor, run: (tx: Tx) => Promise<RunResult>): Promise<RunResult> {
  return db.transaction(async (tx) => {
    // Before any row lock: the change may be public (lib/cms/change-log.ts lockChangeLog says why).
    await lockChangeLog(tx);
    const result = await run(tx);
    if (result.revision) await tx.insert(revisions).values({ ...result.revision, editorId: editor.id, editorName: editor.name });
    return result;
  });
}
