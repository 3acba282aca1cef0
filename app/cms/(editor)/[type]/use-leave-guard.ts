'use client';
// With unsaved changes, leaving asks first: closing or reloading the tab (beforeunload; the
// browser words the question), following any link on the page (plain <a> or Next's <Link>), so
// header and menu links too, submitting a form marked `data-leaves-page` (the header's Sign out),
// and Back or Forward to an entry of this same document (the app router's own history, where
// no beforeunload fires). Listening on the document in the capture phase runs before React's
// own click and submit handling, so a <Link> or a form action never starts when the editor stays.
// Back and Forward are asked through the Navigation API's navigate event, which comes before the
// traversal (popstate comes after it, and after the router has started rendering the other page):
// the app router offers no navigation blocker of its own (Next 16).
import { useEffect, useRef } from 'react';

/** What is read of the Navigation API's NavigateEvent (TypeScript 5.9's DOM library has no types for it). */
interface NavigateEvent extends Event {
  navigationType: 'push' | 'replace' | 'reload' | 'traverse';
}

/** Marks a form whose submission takes the editor off the page (app/cms/cms-header.tsx's Sign out). */
const LEAVES_PAGE = 'data-leaves-page';

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
    /** Asks; when the editor leaves, nothing asks again on the way out. */
    const leaving = (): boolean => {
      if (!window.confirm(LEAVE_QUESTION)) return false;
      dirtyRef.current = false;
      return true;
    };
    /** Asked before React's own handling (capture phase): staying stops the click or the submission. */
    const stay = (e: Event) => {
      e.preventDefault();
      e.stopPropagation();
    };
    const onClick = (e: MouseEvent) => {
      if (!dirtyRef.current || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
      const to = new URL(link.href, location.href);
      // A link to a place on this same page leaves nothing.
      if (to.origin === location.origin && to.pathname === location.pathname && to.search === location.search && to.hash !== '') return;
      if (!leaving()) stay(e);
    };
    const onSubmit = (e: SubmitEvent) => {
      if (!dirtyRef.current || !(e.target instanceof HTMLFormElement) || !e.target.hasAttribute(LEAVES_PAGE)) return;
      if (!leaving()) stay(e);
    };
    // A traversal within this document can be cancelled before it happens (`cancelable`); one to
    // another document cannot, and beforeunload asks for that one.
    const onNavigate = (e: Event) => {
      if (!dirtyRef.current || (e as NavigateEvent).navigationType !== 'traverse' || !e.cancelable) return;
      if (!leaving()) e.preventDefault();
    };
    const navigation = (window as { navigation?: EventTarget }).navigation;
    window.addEventListener('beforeunload', onBeforeUnload);
    navigation?.addEventListener('navigate', onNavigate);
    document.addEventListener('click', onClick, true);
    document.addEventListener('submit', onSubmit, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      navigation?.removeEventListener('navigate', onNavigate);
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('submit', onSubmit, true);
    };
  }, []);
}
