/**
 * Asks for the client-side and the server-side capture of "Correlate captures": captures open in an
 * editor first, then the workspace's captures, then a file dialog for anything else.
 */
import * as vscode from 'vscode';
import type { MatchingCaptures } from '../shared/lspExtensions.js';
import { captureFileName } from './captureDocument.js';
import type { CaptureEditorRegistry } from './captureEditorRegistry.js';
import { CAPTURE_GLOB, DIALOG_EXTENSIONS } from './captureFileNames.js';

export interface CaptureItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

/** Enough to find the captures of a normal workspace without walking a huge one for long. */
const WORKSPACE_CAPTURE_LIMIT = 500;

/** How much of the current capture's traffic each candidate shares (null when it cannot be told). */
export type MatchLookup = (current: vscode.Uri, candidates: vscode.Uri[]) => Promise<MatchingCaptures | null>;

/**
 * Marks each item that shares `current`'s traffic with its share of the attempts, and within each group
 * of the list puts those first, the best first: the row a picker starts on is never an unrelated capture
 * while a related one exists. Returns the URIs (as strings) of the sharing captures.
 */
export async function withMatches(items: CaptureItem[], current: vscode.Uri, lookup: MatchLookup): Promise<{ items: CaptureItem[]; sharing: Set<string> }> {
  const candidates = items.flatMap((item) => (item.uri && item.uri.toString() !== current.toString() ? [item.uri] : []));
  const matches = await lookup(current, candidates);
  const rank = new Map((matches?.matches ?? []).map((match, index) => [match.uri, { match, index }] as const));
  const groups: CaptureItem[][] = [];
  for (const item of items) {
    if (item.kind === vscode.QuickPickItemKind.Separator || groups.length === 0) groups.push([]);
    const found = item.uri && rank.get(item.uri.toString());
    groups[groups.length - 1].push(found ? { ...item, detail: vscode.l10n.t('shares {0} of {1} attempts', found.match.matched, found.match.attempts) } : item);
  }
  const order = (item: CaptureItem) => (item.kind === vscode.QuickPickItemKind.Separator ? -1 : item.uri ? rank.get(item.uri.toString())?.index ?? Infinity : Infinity);
  const sorted = groups.flatMap((group) => [...group].sort((a, b) => order(a) - order(b)));
  return { items: sorted, sharing: new Set(rank.keys()) };
}

export class CorrelationPicker {
  constructor(private readonly registry: CaptureEditorRegistry, private readonly lookup: MatchLookup = async () => null) {}

  async pickPair(client?: vscode.Uri): Promise<{ client: vscode.Uri; server: vscode.Uri } | undefined> {
    const chosenClient = client ?? await this.pickCapture(vscode.l10n.t('Client-side capture (where the connections started)'), undefined);
    if (!chosenClient) return undefined;
    const server = await this.pickCapture(vscode.l10n.t('Server-side capture to correlate with {0}', captureFileName(chosenClient)), chosenClient);
    return server ? { client: chosenClient, server } : undefined;
  }

  /** From a server-side capture: asks for the client-side capture that goes with it. */
  async pickClientFor(server: vscode.Uri): Promise<{ client: vscode.Uri; server: vscode.Uri } | undefined> {
    const client = await this.pickCapture(vscode.l10n.t('Client-side capture to correlate with {0}', captureFileName(server)), server);
    return client ? { client, server } : undefined;
  }

  async pickCapture(title: string, exclude?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const browse: CaptureItem = { label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`, alwaysShow: true };
    const listed = await this.captureItems(exclude);
    // Asking for the other side of a pair: the captures sharing `exclude`'s traffic come first.
    const ranked = exclude ? (await withMatches(listed, exclude, this.lookup)).items : listed;
    const items = [...ranked, { label: '', kind: vscode.QuickPickItemKind.Separator }, browse];
    // A step of a two-step choice: a look elsewhere (the Problems panel, an editor settling after the
    // previous pairing) must not close it and throw the first answer away.
    const picked = await vscode.window.showQuickPick<CaptureItem>(items, { title, placeHolder: vscode.l10n.t('Pick a capture'), matchOnDescription: true, ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.uri) return picked.uri;
    const files = await vscode.window.showOpenDialog({
      title,
      canSelectMany: false,
      openLabel: vscode.l10n.t('Use this capture'),
      filters: { [vscode.l10n.t('Packet captures')]: DIALOG_EXTENSIONS, [vscode.l10n.t('All files')]: ['*'] },
    });
    return files?.[0];
  }

  /** The open captures, then the workspace's, with separators; `exclude` is left out. */
  async captureItems(exclude: vscode.Uri | undefined): Promise<CaptureItem[]> {
    const seen = new Set<string>(exclude ? [exclude.toString()] : []);
    const item = (uri: vscode.Uri, icon: string): CaptureItem => ({
      label: `$(${icon}) ${captureFileName(uri)}`,
      description: vscode.workspace.asRelativePath(uri, true),
      uri,
    });
    const open: CaptureItem[] = [];
    for (const text of this.registry.openCaptures()) {
      if (seen.has(text)) continue;
      seen.add(text);
      open.push(item(vscode.Uri.parse(text), 'file-binary'));
    }
    const found = await vscode.workspace.findFiles(CAPTURE_GLOB, '**/node_modules/**', WORKSPACE_CAPTURE_LIMIT);
    const workspace = found
      .filter((uri) => !seen.has(uri.toString()))
      .sort((a, b) => a.path.localeCompare(b.path))
      .map((uri) => item(uri, 'file'));
    const separator = (label: string): CaptureItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
    return [
      ...(open.length ? [separator(vscode.l10n.t('Open captures')), ...open] : []),
      ...(workspace.length ? [separator(vscode.l10n.t('Workspace captures')), ...workspace] : []),
    ];
  }
}
