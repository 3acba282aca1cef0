// GET /api/tags and GET /api/authors: the directories (lib/content/taxonomy.ts) as JSON
// documents, rendered and validated (ETag) once per change, under the same cache tags.
import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { API_VERSION } from '@/lib/api/posts';
import { feedLinks, type AuthorListDoc, type TagListDoc } from '@/lib/api/taxonomy';
import { getConfig } from '@/lib/config';
import { weakEtag, type Representation } from '@/lib/http/representation';
import { cacheTags } from './cache-tags';
import { getAuthorDirectory, getTagDirectory } from './taxonomy';

function json(kind: string, document: TagListDoc | AuthorListDoc, lastModified: string | undefined): Representation {
  const body = JSON.stringify(document);
  return { body, contentType: 'application/json', etag: weakEtag(kind, body), lastModified };
}

export async function getTagListRepresentation(): Promise<Representation> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts, cacheTags.tags);
  const site = getConfig().siteUrl;
  const { tags } = await getTagDirectory();
  const document: TagListDoc = {
    apiVersion: API_VERSION,
    data: tags.map((t) => ({
      ...t,
      links: { html: `${site}/tags/${t.slug}`, posts: `${site}/api/posts?tag=${t.slug}`, feeds: feedLinks(site, 'tag', t.slug) },
    })),
    links: { self: `${site}/api/tags` },
  };
  // No Last-Modified: a tag's name or description edit has no time of its own (tags keep only
  // createdAt), so a date could claim "unchanged" after an edit and earn a wrong 304 from
  // If-Modified-Since. The ETag (over the body) is the validator (RFC 9110 §8.8.1: SHOULD, not MUST).
  return json('tags', document, undefined);
}

export async function getAuthorListRepresentation(): Promise<Representation> {
  'use cache';
  cacheLife('hours');
  cacheTag(cacheTags.posts, cacheTags.authors);
  const site = getConfig().siteUrl;
  const authors = await getAuthorDirectory();
  const document: AuthorListDoc = {
    apiVersion: API_VERSION,
    data: authors.map((a) => ({
      ...a,
      links: { html: `${site}/authors/${a.slug}`, posts: `${site}/api/posts?author=${a.slug}`, feeds: feedLinks(site, 'author', a.slug) },
    })),
    links: { self: `${site}/api/authors` },
  };
  // No Last-Modified either: unpublishing or deleting a post drops its time out of the newest
  // change, so the list's date could stay put or go back while the list changed, and an
  // If-Modified-Since client would get a wrong 304. The ETag is the validator.
  return json('authors', document, undefined);
}
