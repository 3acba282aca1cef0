// Every author profile, for admins: the bylines of posts, with or without an editor account
// (migrated and demo bylines have none, so nobody else can edit them). Edit the name and bio,
// link an account-less profile to an account that has none, or unlink.
import type { Metadata } from 'next';
import type { ActionState } from '@/lib/cms/action';
import { listAuthors, unlinkedAccounts } from '@/lib/cms/author-profiles';
import { cmsDb } from '@/lib/cms/db';
import { takeFlash } from '@/lib/cms/flash';
import { requireEditor } from '@/lib/cms/session';
import { EditAuthorForm, LinkAuthorForm, UnlinkAuthorForm } from './author-forms';

export const metadata: Metadata = { title: 'Authors' };

const DONE = {
  edited: (name: string) => `Saved “${name}”. Their posts show it now.`,
  linked: (name: string) => `Linked “${name}” to its account: it is that editor's byline now.`,
  unlinked: (name: string) => `Unlinked “${name}”: it stays the byline of its posts; the account gets a profile of its own when it next needs one.`,
} as const;

/** A refusal no form on the page can show at its fields. */
function Refusal({ state }: { state: ActionState }) {
  return (
    <p role="status" className={`notice notice-${state.status}`}>
      {[state.message, ...Object.values(state.fieldErrors ?? {})].join(' ')}
    </p>
  );
}

// Cards rather than a table: each profile carries up to three forms, and a card reflows on a phone.
export default async function AuthorsPage({ searchParams }: { searchParams: Promise<{ done?: string; author?: string }> }) {
  await requireEditor('admin');
  const { done: doneKind, author: doneSlug } = await searchParams;
  const db = await cmsDb();
  const [list, accounts] = [await listAuthors(db), await unlinkedAccounts(db)];
  // The stored result of a no-JavaScript submission, shown at the card it names.
  const flash = await takeFlash('authors');
  const refused = flash && flash.status !== 'ok' ? flash : undefined;
  const doneAuthor = typeof doneSlug === 'string' ? list.find((a) => a.slug === doneSlug) : undefined;
  const done = doneAuthor && typeof doneKind === 'string' && Object.hasOwn(DONE, doneKind) ? DONE[doneKind as keyof typeof DONE](doneAuthor.name) : undefined;
  // A refusal for a profile no card shows (a forged or stale id): say it on top.
  const orphan = refused && !list.some((a) => a.id === refused.values?.author) ? refused : undefined;
  return (
    <main>
      <h1>Authors</h1>
      <p className="meta">
        An author profile is the public byline of posts: its name is printed in pages, feeds and the API, its bio under each post. An editor edits
        their own in their profile; here an admin edits any of them.
      </p>
      {done && (
        <p role="status" className="notice notice-ok">
          {done}
        </p>
      )}
      {orphan && <Refusal state={orphan} />}
      <ul className="author-list">
        {list.map((a) => {
          const mine = refused?.values?.author === a.id ? refused : undefined;
          // Which of the card's forms sent it, by its fields.
          const sent = !mine ? undefined : mine.values?.name !== undefined || mine.values?.bio !== undefined ? 'edit' : mine.values?.account !== undefined ? 'link' : 'unlink';
          const shownBy = sent === 'edit' || (sent === 'link' && !a.account) || (sent === 'unlink' && a.account) ? sent : undefined;
          return (
            <li key={a.id} id={`author-${a.slug}`} className="author-card" aria-labelledby={`author-${a.slug}-name`}>
              <h2 id={`author-${a.slug}-name`}>{a.name}</h2>
              <p className="meta">
                <code>{a.slug}</code> · {a.account ? `account: ${a.account.name} (${a.account.email})` : 'no account'} · {a.posts === 1 ? '1 post' : `${a.posts} posts`}
              </p>
              {a.bio ? <p className="bio">{a.bio}</p> : <p className="hint">No bio.</p>}
              {mine && !shownBy && <Refusal state={mine} />}
              <EditAuthorForm author={a} flash={shownBy === 'edit' ? mine : undefined} />
              {a.account ? (
                <UnlinkAuthorForm author={a} email={a.account.email} flash={shownBy === 'unlink' ? mine : undefined} />
              ) : (
                <LinkAuthorForm author={a} accounts={accounts} flash={shownBy === 'link' ? mine : undefined} />
              )}
            </li>
          );
        })}
      </ul>
    </main>
  );
}
