import { useEffect, type RefObject } from 'react';

const LAYER_SELECTOR = 'g[class^="recharts-zIndex-layer_"]:not([tabindex])';

/**
 * Recharts 3 renders its z-index layers as React portal containers (<g>).
 * React puts focus listeners on portal containers, and Chromium makes SVG
 * elements with focus listeners keyboard-focusable, so each chart would add
 * ~6 empty Tab stops after its own focusable surface. tabindex="-1" takes
 * them out of the Tab order; CSS hides the ring if one is clicked.
 */
export function useUntabbableChartLayers(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const fix = () => {
      for (const g of Array.from(root.querySelectorAll(LAYER_SELECTOR))) g.setAttribute('tabindex', '-1');
    };
    fix();
    // Layers are created when a chart (re)mounts, e.g. after the container is first measured.
    const observer = new MutationObserver(fix);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [ref]);
}
