import { connection } from 'next/server';
import { getConfig } from '@/lib/config';
import { FEED_LINKS } from '@/lib/site/navigation';
import { LogoMark } from './logo';


export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="wrap">
        <p className="footer-brand">
          <LogoMark size={22} />
          <span>
            <strong>Gazette</strong> — posts, changelog and events, served correctly over HTTP.
          </span>
        </p>
        <div className="footer-columns">
          <nav aria-label="Feeds">
            <h2>Follow</h2>
            <ul>
              {FEED_LINKS.map((f) => (
                <li key={f.href}>
                  <a href={f.href} type={f.type}>
                    {f.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <CalendarLinks />
          <nav aria-label="Developers">
            <h2>Developers</h2>
            <ul>
              <li>
                <a href="/docs">API reference</a>
              </li>
              <li>
                <a href="/api/openapi.json" type="application/json">
                  OpenAPI document
                </a>
              </li>
              <li>
                <a href="/sitemap.xml">Sitemap</a>
              </li>
            </ul>
          </nav>
        </div>
      </div>
    </footer>
  );
}

// The subscription needs an absolute URL (a webcal: link cannot be relative), so it is built from
// SITE_URL at run time, never baked in at build: hence connection(), which makes every public
// page render per request (they already do, but /docs) — see `instant` in ../layout.tsx.
async function CalendarLinks() {
  await connection();
  const feed = `${getConfig().siteUrl}/api/events.ics`;
  const webcal = feed.replace(/^https?:/, 'webcal:');
  return (
    <section aria-labelledby="footer-calendar">
      <h2 id="footer-calendar">Events calendar</h2>
      <ul>
        <li>
          <a href={webcal} data-testid="footer-webcal">
            Subscribe in your calendar app
          </a>
        </li>
        <li>
          <a href={feed} type="text/calendar" data-testid="footer-ics">
            iCalendar feed (https)
          </a>
        </li>
      </ul>
    </section>
  );
}
