// How the CMS shows an instant (UTC, to the minute) and fills a datetime-local field with it.
export function formatUtc(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 16).replace('T', ' ');
}
