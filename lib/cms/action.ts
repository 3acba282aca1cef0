// The one wrapper every CMS mutation is built with (SPEC §5):
// authenticate → safeParse (field errors back to the form) → authorise by role → mutate in one
// transaction → write a revision → updateTag every affected tag → a result useActionState
// renders. What the editor typed always comes back in `values`, so nothing is lost.
import 'server-only';
import { redirect, RedirectType } from 'next/navigation';
import type { z } from 'zod';
import { getDb, type Db, type Tx } from '@/db/client';
import type { NewRevision } from '@/db/schema';
import { currentEditor, type Editor } from './session';
import { isPlainFormPost, storeFlash } from './flash';
import { afterCommit } from './after-commit';
import { commitChange } from './commit';
import { failureOf } from './refusals';

export interface ActionState {
  status: 'idle' | 'ok' | 'invalid' | 'conflict' | 'denied' | 'error';
  message?: string;
  fieldErrors?: Record<string, string>;
  /** The submitted fields, to refill the form exactly as typed. */
  values?: Record<string, string>;
  /** Extra result data (e.g. rendered preview HTML). */
  data?: Record<string, unknown>;
  /** When the server produced this state (ms): a form fed by two actions shows the newer. */
  at?: number;
}

export const idle: ActionState = { status: 'idle' };

export { ActionRefusal } from './refusals';

/** Said when a change is saved but Redis did not take its invalidation (SPEC §7 faults). */
export const SHARED_CACHE_DOWN =
  'The shared cache is unreachable: servers read from the database until it is back, then drop every cached copy.';

export interface RunResult {
  message: string;
  /** Cache tags the change touched (lib/content/cache-tags.ts). */
  tags: string[];
  revision?: Omit<NewRevision, 'editorId' | 'editorName'>;
  redirectTo?: string;
  /** Tell the WebSub hub that the public feeds changed. */
  feedsChanged?: boolean;
  data?: Record<string, unknown>;
  /** Part of the change was refused (a bulk action's report): answered as a conflict, not ok. */
  partial?: boolean;
}

type Run<S extends z.ZodType> =
  /** Runs inside one database transaction; throw ActionRefusal to refuse. */
  | { run: (ctx: { input: z.infer<S>; editor: Editor; tx: Tx }) => Promise<RunResult>; runEach?: never }
  /**
   * Commits its parts itself, each in a transaction of its own with commitChange (a bulk action:
   * one refused item leaves the others done). The caches are invalidated once, after all.
   */
  | { runEach: (ctx: { input: z.infer<S>; editor: Editor; db: Db }) => Promise<RunResult>; run?: never };

type ActionSpec<S extends z.ZodType> = Run<S> & {
  /** Which form this action serves (for the no-JavaScript result, lib/cms/flash.ts). */
  form: string | ((values: Record<string, string>) => string);
  schema: S;
  role?: 'editor' | 'admin';
  /**
   * Where the result is shown when that is not the page the form is on (a confirmation page's
   * report shows on its list): the result is stored as that page's flash and the browser sent
   * there, with or without JavaScript. Such a page needs a session, so a signed-out editor goes
   * to the sign-in page instead; and it has no fields to highlight, so a refusal's message says
   * what is wrong.
   */
  backTo?: (values: Record<string, string>) => string;
};

function formValues(formData: FormData): Record<string, string> {
  // Prototype-less: a field named __proto__ or constructor is just an (unknown) field.
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, value] of formData) {
    if (key.startsWith('$ACTION')) continue;
    if (typeof value === 'string') values[key] = Object.hasOwn(values, key) ? `${values[key]},${value}` : value;
  }
  return values;
}

const SECRET_FIELDS = ['password', 'newPassword'];
// A plain object for React to send to the client (fromEntries makes "__proto__" an own,
// harmless key rather than a prototype).
const echo = (values: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter(([k]) => !SECRET_FIELDS.includes(k)));

export function cmsAction<S extends z.ZodType>(spec: ActionSpec<S>) {
  const inner = async (formData: FormData): Promise<ActionState> => {
    const values = formValues(formData);
    let editor: Editor | null;
    try {
      editor = await currentEditor();
    } catch (err) {
      console.error('[cms] session check failed:', err);
      const kept = spec.backTo ? 'Nothing was changed.' : 'Nothing was saved; your text is kept.';
      return { status: 'error', message: `Cannot reach the database to check your session. ${kept}`, values: echo(values) };
    }
    if (!editor) {
      if (spec.backTo) redirect('/cms/login');
      return { status: 'denied', message: 'Your session has ended. Sign in again in another tab; your text is kept here.', values: echo(values) };
    }

    const parsed = spec.schema.safeParse(values);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          fieldErrors.form ??= `This form sent fields it does not know (${issue.keys.slice(0, 3).join(', ')}); reload the page.`;
          continue;
        }
        const field = String(issue.path[0] ?? 'form');
        fieldErrors[field] ??= issue.message;
      }
      const first = Object.values(fieldErrors)[0];
      const message = spec.backTo && first ? `Nothing was changed: ${first}` : 'Please correct the highlighted fields.';
      return { status: 'invalid', message, fieldErrors, values: echo(values) };
    }
    if (spec.role === 'admin' && editor.role !== 'admin') {
      return { status: 'denied', message: 'Only an admin can do this.', values: echo(values) };
    }

    let result: RunResult;
    try {
      const db = await getDb();
      result = spec.runEach ? await spec.runEach({ input: parsed.data, editor, db }) : await commitChange(db, editor, (tx) => spec.run({ input: parsed.data, editor, tx }));
    } catch (err) {
      const failure = await failureOf(err, 'action');
      if (failure.kind === 'refused') return { status: failure.status, message: failure.message, fieldErrors: failure.fieldErrors, values: echo(values) };
      if (failure.kind === 'outage') {
        return { status: 'error', message: 'Cannot save right now: the database is unavailable. Your text is kept; try again in a moment.', values: echo(values) };
      }
      return { status: 'error', message: 'Something went wrong; nothing was saved. Your text is kept.', values: echo(values) };
    }

    const everywhere = await afterCommit({ tags: result.tags, feedsChanged: result.feedsChanged ?? false }, 'action');
    if (result.redirectTo) redirect(result.redirectTo);
    const message = everywhere ? result.message : `${result.message} ${SHARED_CACHE_DOWN}`;
    return { status: result.partial ? 'conflict' : 'ok', message, data: result.data };
  };
  return async (_prev: ActionState, formData: FormData): Promise<ActionState> => {
    const state: ActionState = { ...(await inner(formData)), at: stamp() };
    const values = formValues(formData);
    const form = typeof spec.form === 'string' ? spec.form : spec.form(values);
    if (spec.backTo) return answerAt(form, state, spec.backTo(values));
    return answer(form, state);
  };
}

/**
 * A time stamp for ordering form states. Not Date.now(): Next flags reading the clock while it
 * may be prerendering (it logs an error on every action response otherwise).
 */
export function stamp(): number {
  return Math.round(performance.timeOrigin + performance.now());
}

/** Hand a result back: in place with JavaScript, or stored and redirected to without it. */
export async function answer(form: string, state: ActionState): Promise<ActionState> {
  if (!(await isPlainFormPost())) return state;
  let back: string;
  try {
    back = await storeFlash(form, state);
  } catch (err) {
    // The database is down: answer in place (the result still shows where React can).
    console.error('[cms] could not store the form result:', err instanceof Error ? err.message : err);
    return state;
  }
  redirect(back, RedirectType.push);
}

/** Hand a result to another page (ActionSpec.backTo): stored as its flash, then there. */
async function answerAt(form: string, state: ActionState, back: string): Promise<never> {
  try {
    await storeFlash(form, state);
  } catch (err) {
    // The database is down: the page shows without the result.
    console.error('[cms] could not store the form result:', err instanceof Error ? err.message : err);
  }
  redirect(back);
}

/** The fields of a form submission, as typed (for refilling the form). */
export function submittedValues(formData: FormData): Record<string, string> {
  return echo(formValues(formData));
}

