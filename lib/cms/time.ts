// How the CMS shows an instant (UTC, to the minute) and fills a datetime-local field with it.
// (Issue 12 moves both to the editor's own time zone: this is the one place to change.)
export function formatUtc(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 16).replace('T', ' ');
}

/** The `datetime-local` form of an instant, in UTC. */
export function toUtcInput(date: Date | string | null | undefined): string {
  if (!date) return '';
  return new Date(date).toISOString().slice(0, 16);
}
