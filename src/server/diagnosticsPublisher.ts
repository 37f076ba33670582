/**
 * Which diagnoses each capture URI shows: those of the most recent current pairing it belongs to (on
 * both captures of the pair), else those of its own analysis. A client capture is paired with one server
 * capture at a time, so pairing it anew ends its previous pairing, and the server capture of that one
 * shows its own diagnoses again (or those of another pairing it still belongs to): nothing a pairing
 * published outlives it.
 */
import type { Connection } from 'vscode-languageserver/node.js';
import { captureDiagnostics } from './captureDiagnostics.js';
import type { CaptureStore, PairView } from './captureStore.js';

export class DiagnosticsPublisher {
  /** Client URI → its server URI, the most recently published pairing last. */
  private readonly serverOf = new Map<string, string>();

  constructor(private readonly connection: Connection, private readonly store: CaptureStore) {}

  publish(uri: string): void {
    const pair = this.currentPair(uri);
    if (pair) {
      this.sendPair(pair);
      return;
    }
    const view = this.store.single(uri);
    if (view) void this.connection.sendDiagnostics({ uri, diagnostics: captureDiagnostics(view) });
  }

  publishPair(pair: PairView): void {
    const clientUri = pair.client.capture.uri;
    const serverUri = pair.server.capture.uri;
    const previousServer = this.serverOf.get(clientUri);
    this.serverOf.delete(clientUri);
    this.serverOf.set(clientUri, serverUri);
    this.sendPair(pair);
    if (previousServer !== undefined && previousServer !== serverUri) this.publish(previousServer);
  }

  /** After a language change: every capture again, in the new language. */
  republishAll(): void {
    for (const uri of this.store.uris()) this.publish(uri);
  }

  /** A forgotten capture loses its diagnostics and its pairings; its partners fall back. */
  clear(uri: string): void {
    const partners = new Set<string>();
    for (const [clientUri, serverUri] of [...this.serverOf]) {
      if (clientUri !== uri && serverUri !== uri) continue;
      this.serverOf.delete(clientUri);
      partners.add(clientUri === uri ? serverUri : clientUri);
    }
    partners.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const partner of partners) this.publish(partner);
  }

  /** The latest pairing that `uri` is part of and whose two captures are still in the store. */
  private currentPair(uri: string): PairView | undefined {
    const pairs = [...this.serverOf].reverse();
    for (const [clientUri, serverUri] of pairs) {
      if (clientUri !== uri && serverUri !== uri) continue;
      const pair = this.store.pair(clientUri, serverUri);
      if (pair) return pair;
    }
    return undefined;
  }

  private sendPair(pair: PairView): void {
    void this.connection.sendDiagnostics({ uri: pair.client.capture.uri, diagnostics: captureDiagnostics(pair.client) });
    void this.connection.sendDiagnostics({ uri: pair.server.capture.uri, diagnostics: captureDiagnostics(pair.server, pair.client.diagnoses) });
  }
}
