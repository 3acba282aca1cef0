'use client';
// With unsaved changes, leaving asks first: closing or reloading the tab (beforeunload; the
// browser words the question), following any link on the page (plain <a> or Next's <Link>), so
// header and menu links too, submitting a form marked `data-leaves-page` (the header's Sign out),
// and Back or Forward to an entry of this same document (the app router's own history, where
// no beforeunload fires). Listening on the document in the capture phase runs before React's
// own click and submit handling, so a <Link> or a form action never starts when the editor stays.
import { useEffect, useRef } from 'react';

/** Marks a form whose submission takes the editor off the page (app/cms/cms-header.tsx's Sign out). */
const LEAVES_PAGE = 'data-leaves-page';

export const LEAVE_QUESTION = 'You have unsaved changes. Leave this page and lose them?';

export function useLeaveGuard(dirty: boolean): void {
  const dirtyRef = useRef(dirty);
  // This page's history entry, to go back to when a traversal away from it is refused.
  const here = useRef<{ state: unknown; href: string } | null>(null);
  useEffect(() => {
    dirtyRef.current = dirty;
    if (dirty) here.current = { state: window.history.state, href: location.href };
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
    const onSubmit = (e: SubmitEvent) => {
      if (!dirtyRef.current || !(e.target instanceof HTMLFormElement) || !e.target.hasAttribute(LEAVES_PAGE)) return;
      if (window.confirm(LEAVE_QUESTION)) {
        dirtyRef.current = false;
        return;
      }
      e.preventDefault();
      e.stopPropagation();
    };
    // The browser has already moved to the other entry when popstate fires; the router has not
    // (this capture listener runs before its own and stops it). Staying puts this page's entry
    // back on top; leaving lets the traversal happen again, unguarded. There is no way to ask
    // before the move: the app router offers no navigation blocker (Next 16).
    const onPopState = (e: PopStateEvent) => {
      const back = here.current;
      if (!dirtyRef.current || !back) return;
      e.stopImmediatePropagation();
      // Carrying the router's own state (__NA), the entry passes its history patch unchanged.
      window.history.pushState(back.state, '', back.href);
      if (window.confirm(LEAVE_QUESTION)) {
        dirtyRef.current = false;
        window.history.back();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('popstate', onPopState, true);
    document.addEventListener('click', onClick, true);
    document.addEventListener('submit', onSubmit, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('popstate', onPopState, true);
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('submit', onSubmit, true);
    };
  }, []);
}
