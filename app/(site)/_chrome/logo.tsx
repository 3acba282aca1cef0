// The Gazette mark: a folded front page (a masthead bar, a picture block, three columns of type).
// Inline SVG in currentColor, so it follows the theme's colours with no extra request; the same
// drawing is app/icon.svg (scripts/make-icons.ts renders the PNG and ICO from it).
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="logo-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <g fill="var(--logo-paper, #fff)">
        <rect x="6" y="6.5" width="20" height="4" rx="1" />
        <rect x="6" y="13.5" width="9" height="12" rx="1" />
        <rect x="17.5" y="13.5" width="8.5" height="2.2" rx="1.1" />
        <rect x="17.5" y="18.4" width="8.5" height="2.2" rx="1.1" />
        <rect x="17.5" y="23.3" width="6" height="2.2" rx="1.1" />
      </g>
    </svg>
  );
}
