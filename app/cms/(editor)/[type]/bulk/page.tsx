// The one confirmation of a bulk action: what the editor ticked on the list, what will happen to
// each, and one button. Reached by the list's GET form (so it changes nothing by itself); the
// button posts the selection (with the versions the list showed) to the bulk Server Action.
// Items with unpublished (staged) changes are named: the action takes those changes along.
import type { Metadata } from 'next';
import { inArray } from 'drizzle-orm';
import { publicationOf } from '@/lib/cms/content-type';
import { BULK_DONE, BULK_STAGED, BULK_VERB, bulkSelectionSchema, listBackHref } from '@/lib/cms/bulk';
import { cmsDb } from '@/lib/cms/db';
import { headVersion, type AnyItem } from '@/lib/cms/item-rows';
import type { SearchParams } from '@/lib/cms/list-params';
import { findStaged } from '@/lib/cms/staging';
import { BulkConfirmForm } from './confirm-form';
import { typeFrom } from '../type-param';
import '../list/list.css';

export const metadata: Metadata = { title: 'Confirm' };

const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export default async function BulkConfirmPage({ params, searchParams }: { params: Promise<{ type: string }>; searchParams: Promise<SearchParams> }) {
  const type = await typeFrom(params);
  const raw = await searchParams;
  const back = listBackHref(type, Array.isArray(raw.back) ? raw.back[0] : raw.back);
  const parsed = bulkSelectionSchema.safeParse({ intent: Array.isArray(raw.intent) ? raw.intent[0] : raw.intent, items: all(raw.item) });
  if (!parsed.success) {
    return (
      <main className="bulk-confirm">
        <h1>Nothing to confirm</h1>
        <p className="notice notice-invalid" role="alert">{parsed.error.issues[0]?.message ?? 'The selection is not valid.'}</p>
        <p><a href={back}>Back to the {type.labels.plural}</a></p>
      </main>
    );
  }
  const { intent, items } = parsed.data;
  const t = type.table;
  const db = await cmsDb();
  const found = new Map(((await db.select().from(t).where(inArray(t.id, items.map((i) => i.id)))) as AnyItem[]).map((r) => [r.id, r]));
  // The version each item's form would carry now (staged edits count: lib/cms/item-rows.ts).
  const heads = new Map(await Promise.all([...found.values()].map(async (r) => [r.id, await headVersion(db, type, r)] as const)));
  const staged = new Set((await Promise.all([...found.values()].map(async (r) => ((await findStaged(db, type, r.id)) ? [r.id] : [])))).flat());
  const n = items.length;
  // Those the action will reach (not deleted, not changed since listed) that have staged changes.
  const withStaged = items.flatMap((item) => {
    const row = found.get(item.id);
    return row && !row.deletedAt && heads.get(item.id) === item.version && staged.has(item.id) ? [row] : [];
  });
  const noun = n === 1 ? type.labels.singular : type.labels.plural;
  return (
    <main className="bulk-confirm">
      <h1>{BULK_VERB[intent]} {n} {noun}?</h1>
      <ul>
        {items.map((item) => {
          const row = found.get(item.id);
          if (!row) return <li key={item.id} className="will-refuse">An unknown {type.labels.singular}: it will be skipped.</li>;
          const { status } = publicationOf(type, row);
          const note = row.deletedAt
            ? 'deleted already: it will be left as it is'
            : heads.get(item.id) !== item.version
              ? `changed since you listed it (version ${item.version}, now ${String(heads.get(item.id))}): it will be refused and left as it is`
              : intent === 'delete'
                ? status === 'published' ? type.messages.deleteEffect(true) : type.messages.deleteEffect(false)
                : `now ${status}`;
          const refuse = Boolean(row.deletedAt) || heads.get(item.id) !== item.version;
          return (
            <li key={item.id} className={refuse ? 'will-refuse' : undefined}>
              “{String(row.title)}” <span className="meta">({note}{!refuse && staged.has(item.id) && `; ${BULK_STAGED[intent].item}`})</span>
            </li>
          );
        })}
      </ul>
      {withStaged.length > 0 && (
        <p className="notice notice-conflict" role="note">
          {`${BULK_STAGED[intent].before}: ${withStaged.map((r) => `“${String(r.title)}”`).join(', ')}.`}
        </p>
      )}
      <BulkConfirmForm type={type.name} intent={intent} back={back} items={items.map((item) => `${item.id}.${item.version}`)} label={`Yes, ${BULK_VERB[intent].toLowerCase()} ${n} ${noun}`} />
      <p className="hint">Each {type.labels.singular} is {BULK_DONE[intent]} on its own, with its own revision; any that someone changed since you listed them are left as they are and named afterwards.</p>
    </main>
  );
}
