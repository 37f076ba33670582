/**
 * Which diagnoses each capture URI shows: those of the most recent current pairing it belongs to (a
 * client/server pair, or a path of several captures), else those of its own analysis. A client capture
 * is paired with one server capture at a time, and a capture is on one path at a time, so a new pairing
 * ends the earlier ones it takes a capture from, and the captures those leave behind show their own
 * diagnoses again (or those of another pairing they still belong to): nothing a pairing published
 * outlives it.
 */
import type { Connection } from 'vscode-languageserver/node.js';
import type { CapturePathRef } from '../shared/lspExtensions.js';
import { captureDiagnostics } from './captureDiagnostics.js';
import type { CaptureStore, PairView } from './captureStore.js';

type Pairing = { kind: 'pair'; clientUri: string; serverUri: string } | { kind: 'path'; ref: CapturePathRef };

function urisOf(pairing: Pairing): string[] {
  return pairing.kind === 'pair' ? [pairing.clientUri, pairing.serverUri] : pairing.ref.uris;
}

function samePairing(a: Pairing, b: Pairing): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether `next` ends `earlier`: a pair ends its client's earlier pairings; a path, every pairing it shares a capture with. */
function ends(next: Pairing, earlier: Pairing): boolean {
  if (next.kind === 'pair' && earlier.kind === 'pair') return earlier.clientUri === next.clientUri;
  if (next.kind === 'pair') return earlier.kind === 'path' && earlier.ref.uris.includes(next.clientUri);
  const taken = new Set(next.ref.uris);
  return urisOf(earlier).some((uri) => taken.has(uri));
}

export class DiagnosticsPublisher {
  /** The current pairings, the most recently published last. */
  private pairings: Pairing[] = [];

  constructor(private readonly connection: Connection, private readonly store: CaptureStore) {}

  publish(uri: string): void {
    const pairing = this.currentPairing(uri);
    if (pairing) {
      this.send(pairing);
      return;
    }
    const view = this.store.single(uri);
    if (view) void this.connection.sendDiagnostics({ uri, diagnostics: captureDiagnostics(view) });
  }

  publishPair(pair: PairView): void {
    this.begin({ kind: 'pair', clientUri: pair.client.capture.uri, serverUri: pair.server.capture.uri });
  }

  publishPath(ref: CapturePathRef): void {
    this.begin({ kind: 'path', ref: { uris: [...ref.uris], serverUri: ref.serverUri } });
  }

  /** After a language change: every capture again, in the new language. */
  republishAll(): void {
    for (const uri of this.store.uris()) this.publish(uri);
  }

  /** A forgotten capture loses its diagnostics and its pairings; its partners fall back. */
  clear(uri: string): void {
    const ended = this.pairings.filter((pairing) => urisOf(pairing).includes(uri));
    this.pairings = this.pairings.filter((pairing) => !ended.includes(pairing));
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    const partners = new Set(ended.flatMap(urisOf));
    partners.delete(uri);
    for (const partner of partners) this.publish(partner);
  }

  private begin(pairing: Pairing): void {
    const ended = this.pairings.filter((earlier) => samePairing(earlier, pairing) || ends(pairing, earlier));
    this.pairings = [...this.pairings.filter((earlier) => !ended.includes(earlier)), pairing];
    this.send(pairing);
    const mine = new Set(urisOf(pairing));
    const leftBehind = new Set(ended.flatMap(urisOf).filter((uri) => !mine.has(uri)));
    for (const uri of leftBehind) this.publish(uri);
  }

  /** The latest pairing that `uri` is part of and whose captures are still in the store. */
  private currentPairing(uri: string): Pairing | undefined {
    for (const pairing of [...this.pairings].reverse()) {
      if (!urisOf(pairing).includes(uri)) continue;
      const built = pairing.kind === 'pair' ? this.store.pair(pairing.clientUri, pairing.serverUri) : this.store.path(pairing.ref);
      if (built) return pairing;
    }
    return undefined;
  }

  private send(pairing: Pairing): void {
    if (pairing.kind === 'path') {
      for (const view of this.store.path(pairing.ref)?.views ?? []) void this.connection.sendDiagnostics({ uri: view.capture.uri, diagnostics: captureDiagnostics(view) });
      return;
    }
    const pair = this.store.pair(pairing.clientUri, pairing.serverUri);
    if (!pair) return;
    void this.connection.sendDiagnostics({ uri: pair.client.capture.uri, diagnostics: captureDiagnostics(pair.client) });
    void this.connection.sendDiagnostics({ uri: pair.server.capture.uri, diagnostics: captureDiagnostics(pair.server) });
  }
}
