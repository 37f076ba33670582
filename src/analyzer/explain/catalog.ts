/** The explanation texts of a language. */
import { en } from './en.js';
import type { Lang } from './language.js';
import type { Texts } from './texts.js';
import { zhCn } from './zhCn.js';

const CATALOG: Record<Lang, Texts> = { 'en': en, 'zh-cn': zhCn };

export function textsFor(lang: Lang): Texts {
  return CATALOG[lang];
}
