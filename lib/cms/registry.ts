// Every content type the CMS serves, by name and by URL segment. Adding a type is one
// description here (see the README, "Adding a content type").
import 'server-only';
import type { AnyContentType } from './content-type';
import { changelogType } from './types/changelog';
import { eventType } from './types/event';
import { postType } from './types/post';

const TYPES = Symbol.for('gazette.contentTypes');
type Holder = { [TYPES]?: Map<string, AnyContentType> };

function registry(): Map<string, AnyContentType> {
  return ((globalThis as Holder)[TYPES] ??= new Map([postType, changelogType, eventType].map((t) => [t.name, t])));
}

/** Add a type (tests register a throwaway one); its name and segment must be new. */
export function registerContentType(type: AnyContentType): void {
  const types = registry();
  for (const t of types.values()) {
    if (t.name === type.name || t.segment === type.segment) throw new Error(`content type ${type.name} (/cms/${type.segment}) clashes with ${t.name}`);
  }
  types.set(type.name, type);
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
