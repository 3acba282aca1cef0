// A slug from a title. Kept apart from the Zod form schemas so the editor's browser bundle
// does not pull in Zod (whose eval probe a strict Content-Security-Policy reports).
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}
