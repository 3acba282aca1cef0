'use client';
// With unsaved changes, leaving asks first: closing or reloading the tab (beforeunload; the
// browser words the question) and following any link on the page (plain <a> or Next's <Link>),
// so header and menu links too. Listening on the document in the capture phase runs before
// React's own click handling, so a <Link> never starts its navigation when the editor stays.
import { useEffect, useRef } from 'react';

export const LEAVE_QUESTION = 'You have unsaved changes. Leave this page and lose them?';

export function useLeaveGuard(dirty: boolean): void {
  const dirtyRef = useRef(dirty);
  useEffect(() => {
    dirtyRef.current = dirty;
  }, [dirty]);

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      e.preventDefault();
      // Older browsers show the dialog only when returnValue is set.
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (!dirtyRef.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
      const to = new URL(link.href, location.href);
      // A link to a place on this same page leaves nothing.
      if (to.origin === location.origin && to.pathname === location.pathname && to.search === location.search && to.hash !== '') return;
      if (window.confirm(LEAVE_QUESTION)) {
        dirtyRef.current = false;
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, []);
}
