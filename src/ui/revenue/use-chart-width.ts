import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The width (px) of the element in `ref`, `fallback` until it is laid out (and in server markup). Read once
 * before the first paint and again when a ResizeObserver reports a change, so the plain SVG charts draw at
 * the page's size (text at its real size) instead of being scaled from a fixed viewBox.
 */
export function useChartWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = (w: number) => {
      if (w > 0) setWidth(Math.round(w));
    };
    read(el.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => read(entries[0]?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
