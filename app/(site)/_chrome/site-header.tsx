import { NAV_LINKS } from '@/lib/site/navigation';
import { LogoMark } from './logo';


// The skip link comes first in the document, so it is the first Tab stop (WCAG 2.4.1); it jumps
// to the layout's content wrapper, since each page owns its own <main>.
export function SiteHeader() {
  return (
    <>
      <a href="#content" className="skip-link">
        Skip to content
      </a>
      <header className="site-header">
        <div className="wrap">
          <a href="/" className="brand">
            <LogoMark />
            <span className="wordmark">Gazette</span>
          </a>
          <nav aria-label="Main" className="site-nav">
            <ul>
              {NAV_LINKS.map((s) => (
                <li key={s.href}>
                  <a href={s.href}>{s.label}</a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
    </>
  );
}
