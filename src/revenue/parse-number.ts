import { Dec } from './money';

/**
 * Number text accepted in every numeric field:
 *  - ASCII digits, optional leading '+' or '-' (also the typographic minus U+2212);
 *  - '.' is the only decimal separator;
 *  - thousands separators ',', '_', space, no-break space (U+00A0, U+202F) or thin
 *    space (U+2009) are accepted only in correct groups of three ("1,000", "1 000 000",
 *    "1_000.5"), one kind per number, so "1,5" is never silently read as 15;
 *  - percent fields may end in '%'.
 * Rejected: exponents ("1e6": easy to mistype, and "1e400" is not a sane revenue
 * input), "NaN", "Infinity", non-ASCII digits, more than 64 characters.
 */
export type NumberTextProblem = 'empty' | 'too_long' | 'not_a_number' | 'bad_grouping' | 'decimal_comma' | 'exponent';

export type NumberTextResult = { ok: true; value: string } | { ok: false; problem: NumberTextProblem };

export const MAX_NUMBER_TEXT_LENGTH = 64;

const GROUP_SEPARATORS = new Set([',', '_', ' ', '\u00A0', '\u202F', '\u2009']);
const BODY = /^(\d[\d,_ \u00A0\u202F\u2009]*)?(?:\.(\d*))?$/;

export function parseNumberText(text: unknown, options: { allowPercentSign?: boolean } = {}): NumberTextResult {
  // Store documents come from JSON the user may have edited, so don't trust the type.
  if (typeof text !== 'string') return { ok: false, problem: 'empty' };
  let s = text.trim();
  if (s === '') return { ok: false, problem: 'empty' };
  if (s.length > MAX_NUMBER_TEXT_LENGTH) return { ok: false, problem: 'too_long' };
  s = s.replace(/\u2212/g, '-');
  if (options.allowPercentSign && s.endsWith('%')) s = s.slice(0, -1).trimEnd();

  let sign = '';
  if (s.startsWith('-') || s.startsWith('+')) {
    sign = s[0] === '-' ? '-' : '';
    s = s.slice(1);
  }
  if (s === '') return { ok: false, problem: 'not_a_number' };
  if (/^(\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(s)) return { ok: false, problem: 'exponent' };

  const m = BODY.exec(s);
  if (!m || (m[1] === undefined && (m[2] === undefined || m[2] === ''))) {
    // "1.000,50" is the common continental-European way to write 1000.5.
    if (/^\d[\d.]*,\d+$/.test(s)) return { ok: false, problem: 'decimal_comma' };
    return { ok: false, problem: 'not_a_number' };
  }
  const intPart = m[1] ?? '0';
  const fracPart = m[2] ?? '';
  let digits = intPart;
  const seps = new Set([...intPart].filter((ch) => GROUP_SEPARATORS.has(ch)));
  if (seps.size > 0) {
    const [sep] = [...seps];
    const grouped = new RegExp(`^\\d{1,3}(?:${escapeRegExp(sep)}\\d{3})+$`);
    if (seps.size === 1 && grouped.test(intPart)) {
      digits = intPart.split(sep).join('');
    } else if (seps.size === 1 && sep === ',' && /^\d+,\d+$/.test(intPart) && fracPart === '') {
      return { ok: false, problem: 'decimal_comma' };
    } else {
      return { ok: false, problem: 'bad_grouping' };
    }
  }
  const canonical = new Dec(`${sign}${digits}.${fracPart || '0'}`);
  // toFixed() never uses exponent notation; normalise -0 so it never reaches the UI.
  return { ok: true, value: canonical.isZero() ? '0' : canonical.toFixed() };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
