/**
 * Diagnostics on sysctl settings: tcp_tw_recycle turned on (the NAT/PAWS SYN drops), its removal in
 * Linux 4.12, and the tcp_timestamps setting that arms it. Later lines override earlier ones, as sysctl
 * applies them in order, so the combination is judged on the last assignment of each key.
 */
import { artifactTextsFor } from './catalog.js';
import { DIAGNOSTIC_SOURCE, Severity, type ArtifactDiagnostic, type ArtifactQuickFix } from './lspShapes.js';
import { numericValue, readSysctl, type SysctlAssignment } from '../../analyzer/evidence/sysctlFile.js';
import { sysctlKeyId } from './sysctlKeys.js';
import type { Lang, SysctlTexts } from './texts.js';
import { splitLines, wholeLineRange } from './textLines.js';

export function analyzeSysctl(text: string, lang: Lang): ArtifactDiagnostic[] {
  const texts = artifactTextsFor(lang).sysctl;
  const lines = splitLines(text);
  const assignments = readSysctl(text);
  const timestamps = lastOf(assignments, 'tcp_timestamps');
  const twRecycle = lastOf(assignments, 'tcp_tw_recycle');
  const timestampsOff = timestamps !== null && numericValue(timestamps.value) === 0;
  const recycling = twRecycle !== null && isOn(twRecycle);

  const diagnostics: ArtifactDiagnostic[] = [];
  for (const setting of assignments) {
    const id = sysctlKeyId(setting.key);
    if (id === 'tcp_tw_recycle') {
      if (isOn(setting)) diagnostics.push(recycleOn(setting, timestamps, timestampsOff, texts));
      diagnostics.push({
        range: setting.keyRange,
        severity: setting.ignoreErrors ? Severity.Information : Severity.Warning,
        code: 'tw-recycle-removed',
        source: DIAGNOSTIC_SOURCE,
        message: texts.twRecycleRemoved(setting.ignoreErrors),
        fixes: [{ title: texts.fixRemoveLine(setting.key), edits: [{ range: wholeLineRange(lines, setting.line), newText: '' }] }],
      });
    } else if (id === 'tcp_timestamps' && recycling && setting === timestamps && !timestampsOff) {
      diagnostics.push({
        range: setting.range,
        severity: Severity.Information,
        code: 'timestamps-feed-tw-recycle',
        source: DIAGNOSTIC_SOURCE,
        message: texts.timestampsFeedTwRecycle(twRecycle.line + 1),
      });
    }
  }
  return diagnostics;
}

function recycleOn(setting: SysctlAssignment, timestamps: SysctlAssignment | null, timestampsOff: boolean, texts: SysctlTexts): ArtifactDiagnostic {
  const fixes: ArtifactQuickFix[] = [{ title: texts.fixSetToZero(setting.key), edits: [{ range: setting.valueRange, newText: '0' }] }];
  if (timestampsOff && timestamps) {
    return {
      range: setting.range, severity: Severity.Warning, code: 'tw-recycle-without-timestamps', source: DIAGNOSTIC_SOURCE,
      message: texts.twRecycleWithoutTimestamps(setting.value, timestamps.line + 1), fixes,
    };
  }
  return {
    range: setting.range, severity: Severity.Error, code: 'tw-recycle-enabled', source: DIAGNOSTIC_SOURCE,
    message: texts.twRecycleEnabled(setting.value, timestamps ? timestamps.line + 1 : null), fixes,
  };
}

/** Any non-zero number turns the option on; a value sysctl would reject is left alone. */
function isOn(setting: SysctlAssignment): boolean {
  const value = numericValue(setting.value);
  return value !== null && value !== 0;
}

function lastOf(assignments: readonly SysctlAssignment[], id: 'tcp_timestamps' | 'tcp_tw_recycle'): SysctlAssignment | null {
  for (let i = assignments.length - 1; i >= 0; i--) if (sysctlKeyId(assignments[i].key) === id) return assignments[i];
  return null;
}
