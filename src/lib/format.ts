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
