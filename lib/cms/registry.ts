// Every content type the CMS serves, by name and by URL segment. Adding a type is one
// description here (see the README, "Adding a content type").
import 'server-only';
import type { SyncType } from '@/lib/api/changes';
import type { AnyContentType } from './content-type';
import { changelogType } from './types/changelog';
import { eventType } from './types/event';
import { postType } from './types/post';

// The built-in types are this module instance's own objects. Next loads separate instances of
// these modules in one process (instrumentation.ts is its own bundle): a description must come
// from the instance that uses it, or what it throws (ActionRefusal) is another instance's class.
// Read when asked, not at import: the descriptions and the change log import each other.
// Keyed by the API's list of type names (lib/api/changes.ts SYNC_TYPES: /api/changes' `type`
// parameter and the OpenAPI document need it as a static enum, and lib/api stays free of the
// CMS): a type added here but not there, or there but not here, does not compile.
const builtIn = (): AnyContentType[] => {
  const byName = { post: postType, changelog: changelogType, event: eventType } satisfies Record<SyncType, AnyContentType>;
  return Object.entries(byName).map(([name, type]) => {
    if (type.name !== name) throw new Error(`content type ${type.name} is listed as ${name}`);
    return type;
  });
};
// Types registered at run time (the tests' throwaway type) are shared through globalThis.
const EXTRA = Symbol.for('gazette.contentTypes.registered');
type Holder = { [EXTRA]?: Map<string, AnyContentType> };
const registered = () => ((globalThis as Holder)[EXTRA] ??= new Map());

function registry(): Map<string, AnyContentType> {
  return new Map([...builtIn().map((t) => [t.name, t] as const), ...registered()]);
}

/** Add a type (tests register a throwaway one); its name and segment must be new. */
export function registerContentType(type: AnyContentType): void {
  for (const t of registry().values()) {
    if (t.name === type.name || t.segment === type.segment) throw new Error(`content type ${type.name} (/cms/${type.segment}) clashes with ${t.name}`);
  }
  registered().set(type.name, type);
}

export function contentTypes(): AnyContentType[] {
  return [...registry().values()];
}

export function contentType(name: string): AnyContentType | undefined {
  return registry().get(name);
}

export function contentTypeAt(segment: string): AnyContentType | undefined {
  return contentTypes().find((t) => t.segment === segment);
}
