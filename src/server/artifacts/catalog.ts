/** The artifact texts of a language. */
import type { ArtifactTexts, Lang } from './texts.js';
import { sysctlEn } from './sysctlEn.js';
import { sysctlZhCn } from './sysctlZhCn.js';

const CATALOG: Record<Lang, ArtifactTexts> = {
  'en': { sysctl: sysctlEn },
  'zh-cn': { sysctl: sysctlZhCn },
};

/** Unknown languages fall back to English rather than failing a hover. */
export function artifactTextsFor(lang: Lang): ArtifactTexts {
  return CATALOG[lang] ?? CATALOG.en;
}
