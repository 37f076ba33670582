/**
 * Which captures each capture was correlated with: a server capture for a client capture, or the
 * captures of a path for each of them. Remembered in the workspace's state, so that reopening a capture,
 * even after a reload, shows the correlated view again.
 */
import * as vscode from 'vscode';

export interface CapturePairing {
  client: vscode.Uri;
  server: vscode.Uri;
}

/** The captures of one path as the user chose them, and the server's when it was named. */
export interface CapturePath {
  uris: vscode.Uri[];
  server: vscode.Uri | undefined;
}

type Stored = { server: string } | { path: string[]; server?: string };

const STATE_KEY = 'handshakeLens.pairings';

export class CapturePairings implements vscode.Disposable {
  private readonly byCapture: Map<string, Stored>;
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  /** Fires with the captures whose pairing changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    // One object per path, as pairPath stores it, so that unpair finds every capture of a path.
    const saved = Object.entries(state.get<Record<string, Stored>>(STATE_KEY) ?? {});
    const shared = new Map<string, Stored>();
    this.byCapture = new Map(saved.map(([uri, stored]) => {
      const key = JSON.stringify(stored);
      if (!shared.has(key)) shared.set(key, stored);
      return [uri, shared.get(key)!];
    }));
  }

  pair(client: vscode.Uri, server: vscode.Uri): void {
    this.byCapture.set(client.toString(), { server: server.toString() });
    this.save([client]);
  }

  /** Every capture of the path shows the path view; a capture's earlier pairing ends. */
  pairPath(path: CapturePath): void {
    const stored: Stored = { path: path.uris.map(String), ...(path.server ? { server: path.server.toString() } : {}) };
    for (const uri of path.uris) this.byCapture.set(uri.toString(), stored);
    this.save(path.uris);
  }

  serverFor(client: vscode.Uri): vscode.Uri | undefined {
    const stored = this.byCapture.get(client.toString());
    return stored && !('path' in stored) ? vscode.Uri.parse(stored.server) : undefined;
  }

  pathFor(capture: vscode.Uri): CapturePath | undefined {
    const stored = this.byCapture.get(capture.toString());
    if (!stored || !('path' in stored)) return undefined;
    return { uris: stored.path.map((uri) => vscode.Uri.parse(uri)), server: stored.server === undefined ? undefined : vscode.Uri.parse(stored.server) };
  }

  /** The captures shown with `capture` (its server capture, or the rest of its path). */
  partnersOf(capture: vscode.Uri): vscode.Uri[] {
    const server = this.serverFor(capture);
    if (server) return [server];
    return (this.pathFor(capture)?.uris ?? []).filter((uri) => uri.toString() !== capture.toString());
  }

  /**
   * Ends the pairing `capture` is in (its server capture, or the path it is on, for every capture of the
   * path). False when it had none: someone else ended it first.
   */
  unpair(capture: vscode.Uri): boolean {
    const stored = this.byCapture.get(capture.toString());
    if (!stored) return false;
    const ended = [...this.byCapture].filter(([, other]) => other === stored).map(([uri]) => uri);
    for (const uri of ended) this.byCapture.delete(uri);
    this.save(ended.map((uri) => vscode.Uri.parse(uri)));
    return true;
  }

  private save(changed: vscode.Uri[]): void {
    void this.state.update(STATE_KEY, Object.fromEntries(this.byCapture));
    this.changed.fire(changed);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
