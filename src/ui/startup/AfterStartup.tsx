import { useEffect, useRef, useState, type ReactNode } from 'react';
import { afterStartup, startupPassed } from './phase';

/**
 * Renders `children` once the page has started (the first idle moment after the first interactive
 * paint), or as soon as its place comes near the viewport, whichever is first. For panels the first
 * paint does not need that cost a chunk download and a long render (the revenue panel pulls in recharts
 * and decimal arithmetic). Mounted after start-up (another notebook opened), it renders at once.
 */
export function AfterStartup({ children, testId }: { children: ReactNode; testId?: string }) {
  const [shown, setShown] = useState(startupPassed);
  const placeholder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown) return;
    let active = true;
    const show = () => {
      if (active) setShown(true);
    };
    void afterStartup().then(show);
    const element = placeholder.current;
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
    };
  }, [shown]);
  return shown ? <>{children}</> : <div ref={placeholder} className="after-startup" data-testid={testId} aria-busy="true" />;
}
