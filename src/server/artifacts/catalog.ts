/** The artifact texts of a language. */
import { counterEn } from './counterEn.js';
import { counterZhCn } from './counterZhCn.js';
import type { ArtifactTexts, Lang } from './texts.js';
import { sysctlEn } from './sysctlEn.js';
import { sysctlZhCn } from './sysctlZhCn.js';

const CATALOG: Record<Lang, ArtifactTexts> = {
  'en': { sysctl: sysctlEn, counters: counterEn },
  'zh-cn': { sysctl: sysctlZhCn, counters: counterZhCn },
};

/** Unknown languages fall back to English rather than failing a hover. */
export function artifactTextsFor(lang: Lang): ArtifactTexts {
  return CATALOG[lang] ?? CATALOG.en;
}
