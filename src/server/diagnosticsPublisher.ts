/**
 * Which diagnoses each capture URI shows: those of its latest correlation when it has been paired
 * (on both captures of the pair), else those of its own analysis.
 */
import type { Connection } from 'vscode-languageserver/node.js';
import { captureDiagnostics } from './captureDiagnostics.js';
import type { CaptureStore, PairView } from './captureStore.js';

export class DiagnosticsPublisher {
  /** URI → the pair whose diagnoses it shows. */
  private readonly shownPair = new Map<string, { clientUri: string; serverUri: string }>();

  constructor(private readonly connection: Connection, private readonly store: CaptureStore) {}

  publish(uri: string): void {
    const paired = this.shownPair.get(uri);
    const pair = paired && this.store.pair(paired.clientUri, paired.serverUri);
    if (pair) {
      this.publishPair(pair);
      return;
    }
    const view = this.store.single(uri);
    if (view) void this.connection.sendDiagnostics({ uri, diagnostics: captureDiagnostics(view) });
  }

  publishPair(pair: PairView): void {
    const clientUri = pair.client.capture.uri;
    const serverUri = pair.server.capture.uri;
    this.shownPair.set(clientUri, { clientUri, serverUri });
    this.shownPair.set(serverUri, { clientUri, serverUri });
    void this.connection.sendDiagnostics({ uri: clientUri, diagnostics: captureDiagnostics(pair.client) });
    void this.connection.sendDiagnostics({ uri: serverUri, diagnostics: captureDiagnostics(pair.server, pair.client.diagnoses) });
  }

  /** After a language change: every capture again, in the new language. */
  republishAll(): void {
    for (const uri of this.store.uris()) this.publish(uri);
  }

  /** A forgotten capture loses its diagnostics; its partner falls back to its own analysis. */
  clear(uri: string): void {
    const partners = new Set<string>();
    for (const [shown, { clientUri, serverUri }] of this.shownPair) {
      if (clientUri !== uri && serverUri !== uri) continue;
      this.shownPair.delete(shown);
      if (shown !== uri) partners.add(shown);
    }
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const partner of partners) this.publish(partner);
  }
}
