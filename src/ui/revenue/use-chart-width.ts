import { useEffect, useState, type RefObject } from 'react';

/**
 * The width (px) of the element in `ref`: `fallback` until a ResizeObserver reports it (and in server
 * markup), so the plain SVG charts draw at the page's size (text at its real size) instead of being
 * scaled from a fixed viewBox. Not read synchronously (`clientWidth` in a layout effect): that forces the
 * style and layout of everything the same commit inserted into the commit's own task (1,000-class link:
 * ~1 s of recalc inside the revenue panel's commit); the observer reports after the browser's own layout.
 */
export function useChartWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0;
      if (w > 0) setWidth(Math.round(w));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
