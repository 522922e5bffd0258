import { startTransition, useEffect, useRef, useState, type ReactNode } from 'react';
import { afterStartup, startupPassed } from './phase';
import { deferredPart } from './deferred';
import { takeTurn, turnsPending } from './turns';

/**
 * Renders `children` once the page has started (the first idle moment after the first interactive
 * paint), or as soon as its place comes near the viewport, whichever is first. For what the first paint
 * does not need: panels that cost a chunk download and a long render (the revenue panel pulls in recharts
 * and decimal arithmetic), and the notebook's cells below the first section (issue 19, 4b). Until then
 * it shows `placeholder` (by default an empty block). The render runs as a transition, so React yields
 * to input between components. Parts are revealed one at a time, each in its own commit (`turns.ts`): one
 * commit of every part together blocked the page for 0.5–2.2 s. Mounted after start-up (another notebook
 * opened) once no part is waiting, or `eager`, it renders at once.
 */
export function AfterStartup({ children, testId, placeholder, eager = false }: { children: ReactNode; testId?: string; placeholder?: ReactNode; eager?: boolean }) {
  // Rendered without a page (server markup in unit tests): there is no start-up to wait for.
  const [passed, setShown] = useState(() => typeof document === 'undefined' || (startupPassed() && !turnsPending()));
  // `eager`: rendered at once (the same element either way, so a cell that stops being deferred keeps its state).
  const shown = passed || eager;
  const placeholderRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown) return;
    // Counted until the children commit (this effect's clean-up runs in that commit) or the placeholder
    // goes away: the notebook is confirmed as rendered only after that.
    const part = deferredPart();
    let active = true;
    let finishTurn: (() => void) | null = null;
    const show = () => {
      if (active) startTransition(() => setShown(true));
    };
    void afterStartup()
      .then(() => (active ? takeTurn() : null))
      .then((finish) => {
        if (!finish) return;
        // Shown meanwhile (scrolled near) or gone: the turn passes on at once.
        if (!active) finish();
        else {
          finishTurn = finish;
          show();
        }
      });
    const element = placeholderRef.current;
    const observer =
      element && typeof IntersectionObserver === 'function'
        ? new IntersectionObserver(
            (entries) => {
              if (entries.some((entry) => entry.isIntersecting)) show();
            },
            { rootMargin: '400px 0px' },
          )
        : null;
    if (element) observer?.observe(element);
    return () => {
      active = false;
      observer?.disconnect();
      part.done();
      // This clean-up runs in the commit that shows the children (or on unmount): the next part's turn.
      finishTurn?.();
    };
  }, [shown]);
  if (shown) return <>{children}</>;
  return (
    <div ref={placeholderRef} className="after-startup" data-testid={testId} aria-busy="true">
      {placeholder}
    </div>
  );
}
