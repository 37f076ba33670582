/**
 * Which server capture each client capture was correlated with, for as long as the window is open, so
 * that reopening the client capture shows the correlated view again.
 */
import * as vscode from 'vscode';

export interface CapturePairing {
  client: vscode.Uri;
  server: vscode.Uri;
}

export class CapturePairings implements vscode.Disposable {
  private readonly byClient = new Map<string, vscode.Uri>();
  private readonly changed = new vscode.EventEmitter<CapturePairing>();
  readonly onDidChange = this.changed.event;

  pair(client: vscode.Uri, server: vscode.Uri): void {
    this.byClient.set(client.toString(), server);
    this.changed.fire({ client, server });
  }

  serverFor(client: vscode.Uri): vscode.Uri | undefined {
    return this.byClient.get(client.toString());
  }

  dispose(): void {
    this.changed.dispose();
  }
}
