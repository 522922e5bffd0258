/**
 * Formatting shared by messages (domain code) and panels (UI). One unit convention: binary multiples
 * with IEC names (1 KiB = 1024 bytes), as the limits in this code base are written.
 */

/** Human-readable byte count: 1536 → "1.5 KiB"; never shows NaN or negative sizes (prints "—"). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

// Building an Intl.NumberFormat is slow next to using one (a 1,200-period table formats ~10,000 cells),
// so every number formatter of the app comes from this one cache, per locale + options.
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A cached Intl.NumberFormat (the UI language's numbers, revenue money and percentages). */
export function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    // Bound memory if many locales or currencies are tried.
    if (numberFormats.size > 256) numberFormats.clear();
    numberFormats.set(key, format);
  }
  return format;
}
