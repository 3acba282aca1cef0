// Bulk publish, unpublish and delete from a list (SPEC §10). Each item goes through the one
// engine (lib/cms/items.ts) in its own transaction with its own revision, exactly as if the
// editor had pressed the button on its page: the version the list showed is checked, the
// publication rules apply, and one refused item (changed by someone else, deleted, invalid)
// leaves the others done and itself untouched. The caches are invalidated once, after all, by
// the action wrapper (lib/cms/action.ts), which serves this action like every other.
import 'server-only';
import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { cmsAction } from './action';
import { commitChange } from './commit';
import { publicationOf, type AnyContentType } from './content-type';
import { deleteItem, findItem, saveItem } from './items';
import { headVersion, parseAsSubmitted } from './item-rows';
import { findStaged, stagedItem } from './staging';
import { ActionRefusal, failureOf } from './refusals';
import type { Editor } from './session';

export const BULK_INTENTS = ['publish', 'unpublish', 'delete'] as const;
export type BulkIntent = (typeof BULK_INTENTS)[number];
/** A page holds at most 100 rows (lib/cms/list-params.ts), so a selection does too. */
export const MAX_BULK_ITEMS = 100;

/** One selected row as the list's checkbox sends it: "{id}.{version the list showed}". */
const selected = z
  .string()
  .regex(/^[0-9a-f-]{36}\.\d{1,9}$/i, 'Unknown item.')
  .transform((s) => {
    const [id, version] = s.split('.');
    return { id: id!.toLowerCase(), version: Number(version) };
  })
  .pipe(z.object({ id: z.uuid('Unknown item.'), version: z.number().int().positive() }));

const selection = z.array(selected).min(1, 'Select at least one item.').max(MAX_BULK_ITEMS, `Select at most ${MAX_BULK_ITEMS} items at once.`);

export const bulkSelectionSchema = z.object({
  intent: z.enum(BULK_INTENTS, { error: 'Choose publish, unpublish or delete.' }),
  items: selection,
});
export type BulkSelection = z.output<typeof bulkSelectionSchema>;

/**
 * The confirmation form as the action wrapper reads it: its repeated `item` fields arrive joined
 * with commas (lib/cms/action.ts formValues; a selected row's value has none of its own), and
 * `back` names the list to return to.
 */
const bulkForm = z.object({
  intent: bulkSelectionSchema.shape.intent,
  item: z.preprocess((v) => (typeof v === 'string' && v !== '' ? v.split(',') : []), selection),
  back: z.string().optional(),
});

export const BULK_DONE: Record<BulkIntent, string> = { publish: 'published', unpublish: 'unpublished (now drafts)', delete: 'deleted' };
export const BULK_VERB: Record<BulkIntent, string> = { publish: 'Publish', unpublish: 'Unpublish', delete: 'Delete' };
/** What each intent does to items' unpublished (staged) changes (lib/cms/staging.ts): for one item, for the list of them, done. */
export const BULK_STAGED: Record<BulkIntent, { item: string; before: string; after: string }> = {
  publish: { item: 'its unpublished changes go live', before: 'These have unpublished changes, which go live too', after: 'Their unpublished changes went live too' },
  unpublish: { item: 'its unpublished changes become its draft', before: 'These have unpublished changes, which become their drafts', after: 'Their unpublished changes are now their drafts' },
  delete: { item: 'its unpublished changes are dropped too', before: 'These have unpublished changes, which are dropped too', after: 'Their unpublished changes were dropped too' },
};

export interface BulkOutcome {
  /** `staged`: it had unpublished changes, which the intent took along (BULK_STAGED). */
  done: { id: string; title: string; staged?: boolean }[];
  /** Left as they were, with the reason. */
  refused: { id: string; title: string; reason: string }[];
  /** Needed nothing (e.g. unpublishing a draft). */
  unchanged: { id: string; title: string; reason: string }[];
}

/** The editor's first sentence of a refusal (the rest speaks of a form the bulk page has not). */
const firstSentence = (message: string) => /^.*?[.!?](?=\s|$)/.exec(message)?.[0] ?? message;

async function reasonFor(err: unknown): Promise<string> {
  const failure = await failureOf(err, 'bulk item');
  if (failure.kind === 'outage') return 'The database was unavailable; nothing was changed.';
  if (failure.kind === 'unexpected') return 'Something went wrong; nothing was changed.';
  const fields = Object.values(failure.fieldErrors ?? {});
  return fields.length ? fields.join(' ') : firstSentence(failure.message);
}

/**
 * The bulk action of a type's list, posted from its confirmation page ([type]/bulk/page.tsx): the
 * one action wrapper, each item committed on its own, the report shown on the list it came from.
 */
export function bulkAction(type: AnyContentType) {
  return cmsAction({
    form: bulkFlashForm(type.name),
    backTo: (values) => listBackHref(type, values.back),
    schema: bulkForm,
    runEach: async ({ input, editor, db }) => {
      const selection = { intent: input.intent, items: input.item };
      const { outcome, tags, feedsChanged } = await runBulk(db, type, selection, editor);
      return { message: describeBulk(type, selection.intent, outcome), tags, feedsChanged, partial: outcome.refused.length > 0 };
    },
  });
}

/** Apply one intent to each selected item, in the order given; report per item, and what the caller invalidates. */
export async function runBulk(db: Db, type: AnyContentType, selection: BulkSelection, editor: Editor): Promise<{ outcome: BulkOutcome; tags: string[]; feedsChanged: boolean }> {
  const t = type.table;
  const ids = [...new Set(selection.items.map((i) => i.id))];
  // Titles of every selected row, deleted ones too, to name them in the report.
  const titles = new Map((await db.select({ id: t.id, title: t.title }).from(t).where(inArray(t.id, ids))).map((r) => [r.id as string, r.title as string]));
  const outcome: BulkOutcome = { done: [], refused: [], unchanged: [] };
  const tags: string[] = [];
  let feedsChanged = false;
  const seen = new Set<string>();
  for (const item of selection.items) {
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    const title = titles.get(item.id) ?? `Unknown ${type.labels.singular}`;
    try {
      let skipped: string | undefined;
      let hadStaged = false;
      const result = await commitChange(db, editor, async (tx) => {
        const current = await findItem(tx, type, item.id);
        if (!current) throw new ActionRefusal('invalid', `This ${type.labels.singular} no longer exists.`);
        // Its staged edit (lib/cms/staging.ts), if it has one: deleting drops it, publishing or
        // unpublishing from the form folds it in, so the bulk action does the same (below).
        const staged = await findStaged(tx, type, current.id);
        hadStaged = Boolean(staged);
        if (selection.intent === 'delete') return deleteItem(tx, type, item);
        if (selection.intent === 'unpublish' && publicationOf(type, current).status === 'draft' && (await headVersion(tx, type, current)) === item.version) {
          skipped = 'It was a draft already.';
          return { message: '', tags: [] };
        }
        // The item's values as its page's form would send them: with its staged edit.
        const shown = (staged && stagedItem(type, current, staged)) || current;
        const input = parseAsSubmitted(type, shown, { id: current.id, version: item.version, intent: selection.intent });
        if (!input.success) {
          const fields = [...new Set(input.error.issues.map((i) => String(i.path[0] ?? 'form')))].join(', ');
          throw new ActionRefusal('invalid', `Its ${fields} must be corrected first: open it, fix and save.`);
        }
        return saveItem(tx, type, input.data, editor);
      });
      if (skipped) {
        outcome.unchanged.push({ id: item.id, title, reason: skipped });
        continue;
      }
      outcome.done.push(hadStaged ? { id: item.id, title, staged: true } : { id: item.id, title });
      tags.push(...result.tags);
      feedsChanged ||= result.feedsChanged ?? false;
    } catch (err) {
      outcome.refused.push({ id: item.id, title, reason: await reasonFor(err) });
    }
  }
  return { outcome, tags, feedsChanged };
}

/** The report in one paragraph: "12 published. 1 refused: “X”: Eddie changed this post at …". */
export function describeBulk(type: AnyContentType, intent: BulkIntent, outcome: BulkOutcome): string {
  const n = (k: number) => `${k} ${k === 1 ? type.labels.singular : type.labels.plural}`;
  const parts = [`${n(outcome.done.length)} ${BULK_DONE[intent]}.`];
  const staged = outcome.done.filter((d) => d.staged);
  if (staged.length) parts.push(`${BULK_STAGED[intent].after}: ${staged.map((d) => `“${d.title}”`).join(', ')}.`);
  if (outcome.unchanged.length) parts.push(`${outcome.unchanged.length} unchanged: ${outcome.unchanged.map((u) => `“${u.title}” (${u.reason})`).join('; ')}.`);
  // Each reason is a sentence of its own (it ends with a full stop).
  if (outcome.refused.length) parts.push(`${outcome.refused.length} refused, left as they were: ${outcome.refused.map((r) => `“${r.title}”: ${r.reason}`).join(' ')}`);
  if (intent === 'delete' && outcome.done.length) parts.push(`Published ones: ${type.messages.deleteEffect(true)}.`);
  return parts.join(' ');
}

/** The flash (lib/cms/flash.ts) the list page reads the report from. */
export const bulkFlashForm = (typeName: string) => `${typeName}-bulk`;

/** Back to the list the selection came from: that list's own URL only (never an open redirect). */
export function listBackHref(type: AnyContentType, raw: unknown): string {
  const base = `/cms/${type.segment}`;
  if (typeof raw === 'string' && raw.length <= 4000 && (raw === base || raw.startsWith(`${base}?`)) && !/[\s#\\]/.test(raw)) return raw;
  return base;
}
