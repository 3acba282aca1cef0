// Autosaves (db/schema.ts `autosaves`): what an editor typed into a content form and has not
// saved, kept server-side per editor, type and item ('new' for an unsaved item), so a reload or
// another browser of the same editor gets it back. Never touches the item itself; a real save
// clears it (lib/cms/item-actions.ts), discarding deletes it.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { autosaves } from '@/db/schema';
import { MAX_BODY_CHARS } from './forms';
import { contentType } from './registry';

/** A request body of more than this is refused unread (JSON escaping may double a 1 MB body). */
export const MAX_AUTOSAVE_BYTES = 4 * 1024 * 1024;

/** Form fields that are the form's own machinery, never what the editor typed. */
const NOT_TYPED = new Set(['id', 'version', 'intent', 'publishAtZone']);

// jsonb holds no NUL and no lone surrogate: refuse those as junk instead of failing the insert.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (v: string) => !v.includes('\u0000') && !LONE_SURROGATE.test(v);

const fieldsSchema = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'Unknown field name.'),
    z.string().max(MAX_BODY_CHARS * 2, 'A field is too long.').refine(storable, 'A field holds characters that cannot be stored.'),
  )
  .refine((f) => Object.keys(f).length <= 64, 'Too many fields.');

const key = {
  type: z.string().max(64).refine((t) => contentType(t) !== undefined, 'Unknown content type.'),
  item: z.union([z.literal('new'), z.uuid()], { error: 'Unknown item.' }),
};

export const autosaveKey = z.object(key).strict();
export const autosaveBody = z.discriminatedUnion('op', [
  z.object({ op: z.literal('save'), ...key, baseVersion: z.number().int().min(0).max(2_000_000_000).nullable(), fields: fieldsSchema }).strict(),
  z.object({ op: z.literal('discard'), ...key }).strict(),
]);
export type AutosaveKey = z.infer<typeof autosaveKey>;

/** Only what the editor typed: the form machinery's fields are dropped. */
export function typedFields(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !NOT_TYPED.has(name) && !name.startsWith('$ACTION')));
}

export async function storeAutosave(db: Db, editorId: string, k: AutosaveKey, fields: Record<string, string>, baseVersion: number | null): Promise<Date> {
  const [row] = await db
    .insert(autosaves)
    .values({ editorId, entityType: k.type, itemKey: k.item, fields: typedFields(fields), baseVersion })
    .onConflictDoUpdate({
      target: [autosaves.editorId, autosaves.entityType, autosaves.itemKey],
      set: { fields: sql`excluded.fields`, baseVersion: sql`excluded.base_version`, updatedAt: sql`now()` },
    })
    .returning({ updatedAt: autosaves.updatedAt });
  return row!.updatedAt;
}

export async function readAutosave(db: Db, editorId: string, k: AutosaveKey) {
  const [row] = await db
    .select({ fields: autosaves.fields, baseVersion: autosaves.baseVersion, updatedAt: autosaves.updatedAt })
    .from(autosaves)
    .where(and(eq(autosaves.editorId, editorId), eq(autosaves.entityType, k.type), eq(autosaves.itemKey, k.item)));
  return row;
}

/** Forget an autosave: after a save of the item (inside its transaction) or on discard. */
export async function clearAutosave(db: Db, editorId: string, k: AutosaveKey): Promise<void> {
  await db.delete(autosaves).where(and(eq(autosaves.editorId, editorId), eq(autosaves.entityType, k.type), eq(autosaves.itemKey, k.item)));
}
