// Structured data in a page (SPEC §11): one <script type="application/ld+json"> per node, its
// text escaped by serializeJsonLd so no value can close the element.
import { serializeJsonLd, type JsonLd as Node } from '@/lib/content/structured-data';

export function JsonLd({ data }: { data: Node | Node[] }) {
  return (
    <>
      {[data].flat().map((node, i) => (
        <script key={i} type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(node) }} />
      ))}
    </>
  );
}
