/**
 * Browser-only download helpers for the revenue panel: CSV text, the rendered
 * chart <svg> as a standalone SVG file, and the same SVG rasterised to PNG.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';
export { downloadBlob, downloadText } from '../../lib/download';

export interface LegendEntry {
  name: string;
  color: string;
  dash?: string;
}

const LEGEND_HEIGHT = 28;

export interface SerializedSvg {
  svg: string;
  width: number;
  height: number;
}

/**
 * Standalone SVG of the chart inside `container`. The legend also has small
 * <svg>s (its swatches), so take the main surface (the widest one). A white
 * background, font and legend are added because the chart draws its legend in
 * HTML and a saved file has no page CSS.
 */
export function serializeChartSvg(container: HTMLElement, title: string, legend: readonly LegendEntry[] = []): SerializedSvg | null {
  const candidates = Array.from(container.querySelectorAll('svg'));
  if (candidates.length === 0) return null;
  const widest = candidates.reduce((a, b) => (b.getBoundingClientRect().width > a.getBoundingClientRect().width ? b : a));
  const box = widest.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width || Number(widest.getAttribute('width')) || 800));
  const chartHeight = Math.max(1, Math.round(box.height || Number(widest.getAttribute('height')) || 400));
  const height = chartHeight + (legend.length > 0 ? LEGEND_HEIGHT : 0);
  const clone = widest.cloneNode(true);
  if (!(clone instanceof SVGSVGElement)) return null;
  // Page-only attributes: interactive role/focus and CSS sizing that would stretch a standalone file.
  for (const attr of ['role', 'tabindex', 'style']) clone.removeAttribute(attr);
  for (const el of Array.from(clone.querySelectorAll(':scope > title, :scope > desc'))) {
    if (!el.textContent) el.remove();
  }
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  clone.setAttribute('font-family', getComputedStyle(container).fontFamily || 'sans-serif');
  if (legend.length > 0) clone.appendChild(legendGroup(legend, chartHeight, getComputedStyle(container).fontFamily || 'sans-serif'));
  resolveCssVariables(clone);
  const titleEl = document.createElementNS(SVG_NS, 'title');
  titleEl.textContent = title;
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  clone.insertBefore(background, clone.firstChild);
  clone.insertBefore(titleEl, clone.firstChild);
  const svg = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
  return { svg, width, height };
}

function legendGroup(legend: readonly LegendEntry[], top: number, fontFamily: string): SVGGElement {
  const g = document.createElementNS(SVG_NS, 'g');
  let x = 16;
  const y = top + LEGEND_HEIGHT / 2;
  for (const entry of legend) {
    const line = document.createElementNS(SVG_NS, 'line');
    line.setAttribute('x1', String(x));
    line.setAttribute('x2', String(x + 24));
    line.setAttribute('y1', String(y));
    line.setAttribute('y2', String(y));
    line.setAttribute('stroke', entry.color);
    line.setAttribute('stroke-width', '2');
    if (entry.dash) line.setAttribute('stroke-dasharray', entry.dash);
    const text = document.createElementNS(SVG_NS, 'text');
    text.setAttribute('x', String(x + 30));
    text.setAttribute('y', String(y + 4));
    text.setAttribute('font-size', '13');
    text.setAttribute('fill', '#111827');
    text.textContent = entry.name;
    g.append(line, text);
    // A detached SVG has no layout engine: measure the label (Chinese glyphs are about twice as wide as Latin ones).
    x += 30 + measureLabel(entry.name, `13px ${fontFamily}`) + 24;
  }
  return g;
}

let measureContext: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null | undefined;

/** Width of `text` in `font`, measured on a canvas; an estimate by character class where no canvas exists. */
export function measureLabel(text: string, font: string): number {
  if (measureContext === undefined) {
    measureContext = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, 1).getContext('2d') : typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  }
  if (measureContext) {
    measureContext.font = font;
    return measureContext.measureText(text).width;
  }
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 13);
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) || ch.codePointAt(0)! > 0x1ffff ? size : size * 0.58;
  return width;
}

/**
 * Chart colours on the page come from CSS variables (so dark mode can change them); a saved file has
 * no page CSS, so `var(--x, #fallback)` becomes the fallback — the light palette on the white background.
 */
function resolveCssVariables(root: Element): void {
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of ['stroke', 'fill', 'stop-color']) {
      const value = el.getAttribute(attr);
      if (!value || !value.includes('var(')) continue;
      const fallback = /var\(--[\w-]+\s*,\s*([^)]+)\)/.exec(value)?.[1]?.trim();
      el.setAttribute(attr, fallback ?? '#374151');
    }
  }
}

/** Rasterise an SVG string on an offscreen canvas at `scale`× for sharp PNGs. */
export function svgToPngBlob(svg: SerializedSvg, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(new Blob([svg.svg], { type: 'image/svg+xml;charset=utf-8' }));
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      const canvas = document.createElement('canvas');
      canvas.width = svg.width * scale;
      canvas.height = svg.height * scale;
      const ctx = canvas.getContext('2d');
      if (!ctx) {
        reject(new Error('This browser cannot draw on a canvas, so the PNG could not be made.'));
        return;
      }
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, svg.width, svg.height);
      canvas.toBlob((blob) => {
        if (blob) resolve(blob);
        else reject(new Error('The browser could not encode the PNG.'));
      }, 'image/png');
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('The chart SVG could not be loaded as an image.'));
    };
    img.src = url;
  });
}
