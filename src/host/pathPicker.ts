/**
 * Asks for the captures of "Correlate captures along a path": several at once (pod, node before and
 * after NAT, server), those sharing the current capture's traffic marked with their share of its
 * attempts and checked, never one that shares nothing; then which one is the server's, or none to let the
 * traffic tell.
 */
import * as vscode from 'vscode';
import type { CaptureAnalysis } from './captureAnalysis.js';
import { captureFileName } from './captureDocument.js';
import type { CapturePath } from './capturePairings.js';
import { withMatches, type CaptureItem, type CorrelationPicker, type MatchLookup } from './correlationPicker.js';

/** The pickers' lookup: the language server's matchingCaptures, nothing when it fails. */
export function matchLookup(analysis: CaptureAnalysis): MatchLookup {
  return (current, candidates) => analysis.matching(current, candidates).catch(() => null);
}

export async function pickPath(picker: CorrelationPicker, current: vscode.Uri | undefined, lookup: MatchLookup): Promise<CapturePath | undefined> {
  const listed = (await picker.captureItems(undefined)).filter((item) => item.kind === vscode.QuickPickItemKind.Separator || item.uri !== undefined);
  const { items, sharing } = current ? await withMatches(listed, current, lookup) : { items: listed, sharing: new Set<string>() };
  for (const item of items) {
    if (!item.uri) continue;
    const isCurrent = item.uri.toString() === current?.toString();
    // Checked: the current capture and what shares its traffic; a capture sharing nothing never is.
    item.picked = isCurrent || sharing.has(item.uri.toString());
    if (isCurrent) item.detail = vscode.l10n.t('the current capture');
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
