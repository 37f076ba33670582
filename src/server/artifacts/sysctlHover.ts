/** Hovers on the sysctl keys that shape connection set-up: what the key does, its default, and its part in failed handshakes. */
import { artifactTextsFor } from './catalog.js';
import type { Hover } from './lspShapes.js';
import { readSysctl } from '../../analyzer/evidence/sysctlFile.js';
import { sysctlKeyId } from './sysctlKeys.js';
import type { Lang } from './texts.js';
import { contains } from './textLines.js';

/** Hovering the key or its value explains the key; other keys and other places give null. */
export function hoverSysctl(text: string, line: number, character: number, lang: Lang): Hover | null {
  const position = { line, character };
  const setting = readSysctl(text).find((s) => s.line === line && (contains(s.keyRange, position) || contains(s.valueRange, position)));
  if (!setting) return null;
  const id = sysctlKeyId(setting.key);
  if (id === null) return null;
  const texts = artifactTextsFor(lang).sysctl;
  const key = texts.keys[id];
  const value = [
    `**${setting.key}**`,
    key.summary,
    `${texts.defaultLabel}: ${key.defaultValue} · ${texts.valueHereLabel}: \`${setting.value}\``,
    `${texts.handshakesLabel}: ${key.handshakes}`,
  ].join('\n\n');
  return { contents: { kind: 'markdown', value }, range: setting.keyRange };
}
