'use client';
// The editor's time zone for client components (the publishAt field names it and posts it back),
// and the browser's own zone reported to the server in a cookie: the server cannot know it
// otherwise (lib/cms/editor-clock.ts reads it when the profile names no zone).
import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { ZONE_COOKIE } from '@/lib/cms/time';

export interface ZoneInfo {
  zone: string;
  source: 'profile' | 'browser' | 'default';
  /** The browser's zone as the server last heard it. */
  browser?: string;
}

const ZoneContext = createContext<ZoneInfo>({ zone: 'UTC', source: 'default' });

export const useEditorZone = () => useContext(ZoneContext);

export function EditorZone({ value, children }: { value: ZoneInfo; children: ReactNode }) {
  const router = useRouter();
  useEffect(() => {
    let detected: string;
    try {
      detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch {
      return;
    }
    if (!detected || detected === value.browser) return;
    const secure = location.protocol === 'https:' ? '; secure' : '';
    document.cookie = `${ZONE_COOKIE}=${encodeURIComponent(detected)}; path=/cms; max-age=31536000; samesite=lax${secure}`;
    // Shown in another zone than the browser's, and the profile does not insist: render again
    // (once: the cookie now says what the browser says). Before anyone has typed anything.
    if (value.source !== 'profile' && detected !== value.zone) router.refresh();
  }, [value.browser, value.source, value.zone, router]);
  return <ZoneContext.Provider value={value}>{children}</ZoneContext.Provider>;
}
