import type { ReactNode } from 'react';
import { CmsContent, CmsHeader } from '../cms-header';

// Signed out: the CMS header with the brand and "View site" only.
export default function LoginLayout({ children }: { children: ReactNode }) {
  return (
    <div className="cms">
      <CmsHeader />
      <CmsContent>{children}</CmsContent>
    </div>
  );
}
