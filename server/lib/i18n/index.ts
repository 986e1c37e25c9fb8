import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { LanguageDetector } from 'i18next-http-middleware';
import { en } from './en';
import { vi } from './vi';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_COOKIE = 'lang';

export function isLanguage(s: unknown): s is Language {
  return typeof s === 'string' && (LANGUAGES as readonly string[]).includes(s);
}

/** One i18next instance for the app; requests get a clone bound to their language by the middleware. */
export async function createI18n(): Promise<I18n> {
  const instance = i18next.createInstance();
  // The language comes from the `lang` cookie (set by the switcher), else from Accept-Language.
  instance.use(
    new LanguageDetector(null, { order: ['cookie', 'header'], lookupCookie: LANGUAGE_COOKIE, caches: false }),
  );
  await instance.init({
    resources: { en: { translation: en }, vi: { translation: vi } },
    supportedLngs: [...LANGUAGES],
    fallbackLng: 'en',
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    interpolation: { escapeValue: false }, // EJS escapes on output
    returnNull: false,
    showSupportNotice: false,
  });
  return instance;
}

export type { TFunction };
