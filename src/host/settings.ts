/** The extension's settings, read where they are used so that a change applies to the next capture. */
import * as vscode from 'vscode';
import type { ExplanationLanguageSetting } from '../shared/lspExtensions.js';
import type { TimeZoneSetting } from '../shared/webviewProtocol.js';

const SECTION = 'handshakeLens';

function configuration(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

/** Captures above this many megabytes ask before they are read. */
export function maxCaptureSizeMB(): number {
  const value = configuration().get<number>('maxCaptureSizeMB', 512);
  return Number.isFinite(value) && value > 0 ? value : 512;
}

/** Raises the limit in the user's settings (a workspace value, if one is set, stays as it is). */
export async function setMaxCaptureSizeMB(megabytes: number): Promise<void> {
  await configuration().update('maxCaptureSizeMB', megabytes, vscode.ConfigurationTarget.Global);
}

export function timeZone(): TimeZoneSetting {
  return configuration().get<string>('timeZone', 'local') === 'utc' ? 'utc' : 'local';
}

export function explanationLanguage(): ExplanationLanguageSetting {
  const value = configuration().get<string>('explanationLanguage', 'auto');
  return value === 'en' || value === 'zh-cn' ? value : 'auto';
}

/** Connection attempts listed per capture, as set: the language server checks it (rowLimitSetting). */
export function maxRows(): number | undefined {
  return configuration().get<number>('maxRows');
}

export function affectsSettings(event: vscode.ConfigurationChangeEvent, name: string): boolean {
  return event.affectsConfiguration(`${SECTION}.${name}`);
}
