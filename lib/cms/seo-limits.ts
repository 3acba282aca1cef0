// The caps of a post's SEO fields, shared by the form's checks (lib/cms/types/post.ts), the
// inputs' maxlength (a client component) and the database (db/schema.ts checks, migration 0010).
// About what search results show: ~60 characters of a title, ~160 of a description.
export const META_TITLE_MAX = 70;
export const META_DESCRIPTION_MAX = 200;
export const CANONICAL_URL_MAX = 2000;
