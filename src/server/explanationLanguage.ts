/**
 * The language of the explanations: the `handshakeLens.explanationLanguage` setting, where `auto` (or
 * nothing) follows the client's display language, and English when that is neither English nor Chinese.
 */
import { languageOf, type Lang } from '../analyzer/explain/language.js';
import type { ExplanationLanguageSetting } from '../shared/lspExtensions.js';

export function explanationLanguage(setting: ExplanationLanguageSetting | string | undefined, clientLocale: string | undefined): Lang {
  if (setting === 'en' || setting === 'zh-cn') return setting;
  return languageOf(clientLocale) ?? 'en';
}
