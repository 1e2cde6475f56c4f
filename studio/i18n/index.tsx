/**
 * Our own tiny i18n layer: two typed dictionaries, a context, `useT()`. The language choice is
 * kept in localStorage; Bahasa Indonesia is the default.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.js';
import { id, type MessageKey } from './id.js';

export type Language = 'id' | 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const dictionaries: Record<Language, Record<MessageKey, string>> = { id, en };
const STORAGE_KEY = 'sop-studio:lang';

/** One text in one language (the provider's `t`; outside React: tests, formatters given a language). */
export function translate(lang: Language, key: MessageKey, params?: Record<string, string | number>): string {
  const text = dictionaries[lang][key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? `{${p}}`)) : text;
}

/** Whether the catalogue has `key` (e.g. `error.<CODE>` for a server's refusal). */
export function hasMessage(key: string): key is MessageKey {
  return key in dictionaries.id;
}

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

interface I18nValue {
  lang: Language;
  setLang(lang: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({ lang: 'id', setLang: () => undefined, t: (k, p) => translate('id', k, p) });

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(storedLanguage);
  const setLang = useCallback((l: Language) => {
    localStorage.setItem(STORAGE_KEY, l);
    setLangState(l);
  }, []);
  // <html lang> follows the language from the first render (a stored "en" included), so screen
  // readers and the browser's translation offer read the page in the language it is shown in.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18nValue>(() => ({ lang, setLang, t: (k, p) => translate(lang, k, p) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}

export function useLanguage(): { lang: Language; setLang(lang: Language): void } {
  const { lang, setLang } = useContext(I18nContext);
  return { lang, setLang };
}

/** A number as people read it in the chosen language (1.234,5 in Indonesian). */
export function formatNumber(n: number, lang: Language): string {
  return n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 6 });
}

/** Dates and times for people in Indonesia: Asia/Jakarta, in the chosen language. */
export function formatDateTime(iso: string, lang: Language): string {
  return new Date(iso).toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { timeZone: 'Asia/Jakarta', dateStyle: 'medium', timeStyle: 'short' });
}
