// The JSON-LD builders and their serialisation, as pure functions: what a crawler reads back.
import { describe, expect, it } from 'vitest';
import { blogPosting, breadcrumbList, eventJsonLd, serializeJsonLd, type EventInput } from '@/lib/content/structured-data';

const SITE = 'https://gazette.example';
const post = {
  slug: 'hello',
  title: 'Hello </script><script>alert(1)</script> & <b>',
  summary: 'The summary.',
  seo: { metaTitle: '', metaDescription: '', canonicalUrl: '', noindex: false },
  author: 'Ada',
  authorSlug: 'ada',
  tags: ['http', 'caching'],
  publishedAt: '2026-03-04T09:30:00.000Z',
  updatedAt: '2026-03-05T10:00:00.000Z',
  cover: null,
};

describe('serializeJsonLd', () => {
  it('escapes every character that could end the script element, and parses back to the same value', () => {
    const node = blogPosting(post, SITE);
    const text = serializeJsonLd(node);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(node);
    expect(JSON.parse(serializeJsonLd({ '@type': 'Thing', name: 'a\u2028b\u2029c' })).name).toBe('a\u2028b\u2029c');
  });
});

describe('blogPosting', () => {
  it('names the author page, the publisher logo, the generated card and the page as the main entity', () => {
    const node = blogPosting(post, SITE);
    expect(node).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: post.title,
      description: 'The summary.',
      datePublished: post.publishedAt,
      dateModified: post.updatedAt,
      author: { '@type': 'Person', name: 'Ada', url: `${SITE}/authors/ada` },
      image: [`${SITE}/posts/hello/opengraph-image`],
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${SITE}/posts/hello` },
      keywords: 'http, caching',
      publisher: { '@type': 'Organization', logo: { '@type': 'ImageObject', url: `${SITE}/icon.svg` } },
    });
  });

  it('takes the meta description, and keeps its own page as the main entity under a canonical override', () => {
    const node = blogPosting({ ...post, seo: { metaTitle: 'T', metaDescription: 'For search.', canonicalUrl: 'https://elsewhere.example/a', noindex: false } }, SITE);
    expect(node.description).toBe('For search.');
    expect(node.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': `${SITE}/posts/hello` });
    expect(node.url).toBe(`${SITE}/posts/hello`);
  });
});

describe('breadcrumbList', () => {
  it('numbers the items from 1, outermost first', () => {
    expect(breadcrumbList([{ name: 'Home', url: `${SITE}/` }, { name: 'Events', url: `${SITE}/events` }])).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Home', item: `${SITE}/` },
        { '@type': 'ListItem', position: 2, name: 'Events', item: `${SITE}/events` },
      ],
    });
  });
});

describe('eventJsonLd', () => {
  const base: EventInput = {
    id: '7d0f3c2e-7a44-4f4e-9a43-6f9b0c1f2a10',
    title: 'Meetup',
    description: 'Talks.',
    location: 'Kreuzberg, Berlin',
    url: null,
    // 18:00 in Berlin, summer time (UTC+2) on 1 June, winter time (UTC+1) in December.
    start: '2027-06-01T16:00:00.000Z',
    end: '2027-12-01T20:00:00.000Z',
    allDay: false,
    timeZone: 'Europe/Berlin',
    status: 'confirmed',
    startDate: null,
    lastDate: null,
  };

  it('gives timed events the wall time of their zone with its offset, a place and a scheduled status', () => {
    expect(eventJsonLd(base, SITE)).toMatchObject({
      '@type': 'Event',
      startDate: '2027-06-01T18:00:00+02:00',
      endDate: '2027-12-01T21:00:00+01:00',
      eventStatus: 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', name: 'Kreuzberg, Berlin' },
      url: `${SITE}/events#event-${base.id}`,
    });
  });

  it('gives all-day events their dates, an online event its link, a cancelled one its status', () => {
    const node = eventJsonLd({ ...base, allDay: true, startDate: '2027-06-01', lastDate: '2027-06-02', location: ' ', url: 'https://stream.example/live', status: 'cancelled' }, SITE);
    expect(node).toMatchObject({
      startDate: '2027-06-01',
      endDate: '2027-06-02',
      eventStatus: 'https://schema.org/EventCancelled',
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: 'https://stream.example/live' },
      url: 'https://stream.example/live',
    });
  });
});
