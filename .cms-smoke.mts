import { openDatabase } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { changelogEntries, events, revisions } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { saveChangelog, deleteChangelog, restoreChangelog, changelogFormSchema } from '@/lib/cms/changelog';
import { saveEvent, deleteEvent, restoreEvent, eventFormSchema, listEventsForCms } from '@/lib/cms/events';
import { toWallInputs } from '@/lib/cms/event-times';
import { ActionRefusal } from '@/lib/cms/action';
import os from 'node:os'; import fs from 'node:fs'; import path from 'node:path';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-'));
const h = await openDatabase({ driver: 'pglite', dataDir: dir });
await migrateDatabase(h);
const db = h.db;
const editor = { id: 'x', name: 'Tester', email: 't@x', role: 'editor' as const };
const run = async <T,>(f: (tx: any) => Promise<T>) => db.transaction(async (tx) => { const r: any = await f(tx); if (r?.revision) await tx.insert(revisions).values({ ...r.revision, editorName: 'Tester' }); return r as T; });
const p = (s: any, v: any) => { const r = s.safeParse(v); if (!r.success) throw new Error(JSON.stringify(r.error.issues)); return r.data; };

let r: any = await run((tx) => saveChangelog(tx, p(changelogFormSchema, { title: 'ETag', category: 'added', body: 'a\r\nb', productVersion: '' }), editor));
console.log(r.redirectTo, r.tags, r.feedsChanged, r.revision.snapshot);
const id = r.revision.entityId;
r = await run((tx) => saveChangelog(tx, p(changelogFormSchema, { id, version: '1', title: 'ETag 2', category: 'fixed', productVersion: '2.4.0', intent: 'publish' }), editor));
console.log(r.message, r.feedsChanged, r.revision.snapshot);
const pub1 = r.revision.snapshot.publishedAt;
await new Promise((res) => setTimeout(res, 20));
r = await run((tx) => saveChangelog(tx, p(changelogFormSchema, { id, version: '2', title: 'ETag 3', category: 'fixed', intent: 'publish' }), editor));
console.log('keeps publish time', r.revision.snapshot.publishedAt === pub1, r.revision.snapshot.productVersion);
try { await run((tx) => saveChangelog(tx, p(changelogFormSchema, { id, version: '2', title: 'x', category: 'fixed' }), editor)); } catch (e) { console.log('stale:', e instanceof ActionRefusal, (e as Error).message); }
try { await run((tx) => saveChangelog(tx, p(changelogFormSchema, { id, version: '3', title: 'x', category: 'fixed', intent: 'schedule', publishAt: '2020-01-01T00:00' }), editor)); } catch (e) { console.log('schedule past:', (e as ActionRefusal).fieldErrors); }
r = await run((tx) => saveChangelog(tx, p(changelogFormSchema, { id, version: '3', title: 'x', category: 'fixed', intent: 'unpublish' }), editor));
console.log(r.revision.snapshot.status, r.revision.snapshot.publishedAt);
const [rev1] = await db.select().from(revisions).where(eq(revisions.entityVersion, 1));
r = await run((tx) => restoreChangelog(tx, { id, version: 4, revisionId: rev1!.id }, editor));
console.log(r.message, r.revision.snapshot, r.revision.note);
r = await run((tx) => deleteChangelog(tx, { id, version: 5, confirm: 'yes' }));
console.log(r.redirectTo, (await db.select().from(changelogEntries))[0]!.deletedAt != null);

const base = { title: 'Talk', timeZone: 'europe/berlin', start: '2030-03-30T19:00', end: '2030-03-30T21:00', location: 'Berlin', published: 'on' };
r = await run((tx) => saveEvent(tx, p(eventFormSchema, base), editor));
const eid = r.revision.entityId;
let [row] = await db.select().from(events).where(eq(events.id, eid));
console.log(r.redirectTo, r.tags, row!.uid, row!.sequence, row!.timeZone, row!.startsAt.toISOString());
r = await run((tx) => saveEvent(tx, p(eventFormSchema, { ...base, id: eid, version: '1', description: 'more' }), editor));
[row] = await db.select().from(events).where(eq(events.id, eid)); console.log('desc only ->', row!.sequence, r.redirectTo);
r = await run((tx) => saveEvent(tx, p(eventFormSchema, { ...base, id: eid, version: '2', description: 'more', allDay: 'on', start: '2030-03-30', end: '2030-03-31' }), editor));
[row] = await db.select().from(events).where(eq(events.id, eid)); console.log('allday ->', row!.sequence, row!.uid, r.redirectTo, row!.startsAt.toISOString(), row!.endsAt.toISOString(), toWallInputs(row!.startsAt, row!.endsAt, true, row!.timeZone));
console.log('upcoming', (await listEventsForCms('upcoming')).length, 'past', (await listEventsForCms('past')).length, 'unpub', (await listEventsForCms('unpublished')).length);
const evRevs = await db.select().from(revisions).where(eq(revisions.entityId, eid));
r = await run((tx) => restoreEvent(tx, { id: eid, version: 3, revisionId: evRevs.find((x) => x.entityVersion === 1)!.id }, editor));
[row] = await db.select().from(events).where(eq(events.id, eid)); console.log('restore ->', row!.sequence, row!.allDay, row!.description, r.revision.note, r.redirectTo);
r = await run((tx) => deleteEvent(tx, { id: eid, version: 4, confirm: 'yes' }));
[row] = await db.select().from(events).where(eq(events.id, eid)); console.log('delete ->', row!.sequence, row!.deletedAt != null, r.redirectTo);
await h.close(); fs.rmSync(dir, { recursive: true, force: true });
