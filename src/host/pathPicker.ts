/**
 * Asks for the captures of "Correlate captures along a path": several at once (pod, node before and
 * after NAT, server), those sharing the current capture's traffic marked with their share of its
 * attempts and checked, never one that shares nothing; then which one is the server's, or none to let the
 * traffic tell.
 */
import * as vscode from 'vscode';
import type { MatchingCaptures } from '../shared/lspExtensions.js';
import { captureFileName } from './captureDocument.js';
import type { CapturePath } from './capturePairings.js';
import type { CaptureItem, CorrelationPicker } from './correlationPicker.js';

/** How much of the current capture's traffic each candidate shares, by URI. */
export type MatchLookup = (current: vscode.Uri, candidates: vscode.Uri[]) => Promise<MatchingCaptures | null>;

export function matchDescription(match: { matched: number; attempts: number }): string {
  return vscode.l10n.t('shares {0} of {1} attempts', match.matched, match.attempts);
}

export async function pickPath(picker: CorrelationPicker, current: vscode.Uri | undefined, lookup: MatchLookup): Promise<CapturePath | undefined> {
  const items = (await picker.captureItems(undefined)).filter((item) => item.kind === vscode.QuickPickItemKind.Separator || item.uri !== undefined);
  const candidates = items.flatMap((item) => (item.uri && item.uri.toString() !== current?.toString() ? [item.uri] : []));
  const matches = current ? await lookup(current, candidates) : null;
  const shareOf = new Map((matches?.matches ?? []).map((m) => [m.uri, m] as const));
  for (const item of items) {
    if (!item.uri) continue;
    const match = shareOf.get(item.uri.toString());
    const isCurrent = item.uri.toString() === current?.toString();
    // Checked: the current capture and what shares its traffic; a capture sharing nothing never is.
    item.picked = isCurrent || match !== undefined;
    if (match) item.detail = matchDescription(match);
    else if (isCurrent) item.detail = vscode.l10n.t('the current capture');
  }
  const chosen = await vscode.window.showQuickPick<CaptureItem>(items, {
    title: vscode.l10n.t('Captures along one path (pod, node before and after NAT, server)'),
    placeHolder: vscode.l10n.t('Check two captures or more'),
    canPickMany: true,
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  const uris = (chosen ?? []).flatMap((item) => (item.uri ? [item.uri] : []));
  if (uris.length === 0) return undefined;
  if (uris.length < 2) {
    void vscode.window.showWarningMessage(vscode.l10n.t('A path needs two captures or more.'));
    return undefined;
  }
  const inferred: CaptureItem = { label: `$(search) ${vscode.l10n.t('Find it from the traffic')}`, detail: vscode.l10n.t('The capture where the SYNs arrive last, with the server\'s answers') };
  const server = await vscode.window.showQuickPick<CaptureItem>([inferred, ...uris.map((uri) => ({ label: `$(server) ${captureFileName(uri)}`, uri }))], {
    title: vscode.l10n.t('Which capture was taken at the server?'),
    ignoreFocusOut: true,
  });
  if (!server) return undefined;
  return { uris, server: server.uri };
}
