/**
 * The UI language: English (the source catalogue, always loaded) and Simplified Chinese (loaded on
 * demand, so it costs English users no initial JavaScript). Chosen from the browser the first time,
 * switched in the header, remembered in localStorage. Runner output and error codes stay English.
 */
import { useSyncExternalStore } from 'react';
import { en, type MessageKey, type Messages } from './en';
import { numberFormat } from '../lib/format';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };
const STORAGE_KEY = 'tau:locale';

export type Params = Record<string, string | number>;

interface LocaleState {
  locale: Locale;
  messages: Messages;
}

let state: LocaleState = { locale: 'en', messages: en };
const listeners = new Set<() => void>();

/** The locale a browser asks for: zh, zh-CN, zh-Hans… → zh-CN; anything else → en. */
export function matchLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower === 'zh' || lower.startsWith('zh-cn') || lower.startsWith('zh-hans') || lower.startsWith('zh-sg')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function storedLocale(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : null;
  } catch (error) {
    // Storage blocked (privacy settings): fall back to the browser's language.
    console.warn(`Language preference unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === 'zh-CN') return (await import('./zh-CN')).zhCN;
  return en;
}

/** Switches the UI language (and remembers it unless `remember` is false). */
export async function setLocale(locale: Locale, remember = true): Promise<void> {
  const messages = await loadMessages(locale);
  state = { locale, messages };
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch (error) {
      console.warn(`Could not remember the language: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const listener of listeners) listener();
}

/** Before the first render: the remembered language, else the browser's. */
export async function initLocale(): Promise<void> {
  const remembered = storedLocale();
  const locale = remembered ?? matchLocale(globalThis.navigator?.languages ?? []);
  if (locale !== state.locale) await setLocale(locale, false);
}

export function currentLocale(): Locale {
  return state.locale;
}

/** `{name}` placeholders are replaced from params; a missing param stays visible as `{name}`. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params[name];
    return value === undefined ? match : typeof value === 'number' ? formatNumber(value) : value;
  });
}

export function translate(key: MessageKey, params?: Params): string {
  return interpolate(state.messages[key] ?? en[key], params);
}
export const t = translate;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const snapshot = () => state;

/** Re-renders the component when the language changes; returns the translate function. */
export function useT(): typeof translate {
  useSyncExternalStore(subscribe, snapshot, snapshot);
  return translate;
}

export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, snapshot, snapshot).locale;
}

/** A number in the UI language (grouping, decimals), through Intl. */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  if (!Number.isFinite(value)) return '—';
  return numberFormat(state.locale, options).format(value);
}

/** Fixed decimals in the UI language (what `toFixed` did, with the locale's separators). */
export function formatFixed(value: number, digits: number): string {
  return formatNumber(value, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false });
}

/** A date and time in the UI language. */
export function formatDateTime(value: number | string | Date, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : dateTimeFormat(state.locale, options).format(date);
}

/** Intl.DateTimeFormat per locale and options, built once: building one costs ~1 ms, a runs table has a row per run. */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}
