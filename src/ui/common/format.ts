import { formatFixed, formatNumber } from '../../i18n/locale';

/** Display formatting shared by panels, in the UI language (Intl) (byte counts: src/lib/format.ts). Never shows NaN/Infinity: missing numbers print as "—". */
export function formatMetric(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : formatFixed(value, digits);
}

export function formatPercentValue(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : formatNumber(value, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function formatCount(value: number): string {
  return Number.isFinite(value) ? formatNumber(value) : '—';
}

export function formatStat(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e6 || magnitude < 1e-3)) return value.toExponential(3);
  return String(Number(value.toPrecision(5)));
}
