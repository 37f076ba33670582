/** The languages every user-visible explanation exists in, and how a locale string picks one. */

export type Lang = 'en' | 'zh-cn';

export const LANGUAGES: readonly Lang[] = ['en', 'zh-cn'];

/**
 * `zh`, `zh-CN`, `zh_CN.UTF-8`, `zh-Hans` → `zh-cn`; `en_US.UTF-8`, `C`, `POSIX` → `en`; anything else
 * null, so the caller can fall back (the CLI reads LC_ALL, LC_MESSAGES, LANG in that order).
 */
export function languageOf(locale: string | undefined | null): Lang | null {
  if (!locale) return null;
  const tag = locale.trim().toLowerCase().replace('_', '-');
  if (tag.startsWith('zh')) return 'zh-cn';
  if (tag.startsWith('en') || tag === 'c' || tag.startsWith('c.') || tag === 'posix') return 'en';
  return null;
}
