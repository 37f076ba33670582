/**
 * Client and server captures given the wrong way round. Each attempt's timing says where it was
 * captured (`vantage`: near the client SYN → SYN-ACK is a round trip and SYN-ACK → ACK short, near the
 * server the opposite); when most of the "client" capture's attempts were timed near the server and
 * most of the "server" capture's near the client, the roles are evidently swapped.
 */
import type { HandshakeAttempt } from '../model.js';
import type { Texts } from '../explain/texts.js';
import type { DiagnosisJson } from '../report.js';

export interface VantageCounts {
  atClient: number;
  atServer: number;
}

/** Fewer attempts with a known vantage than this say too little about a capture. */
const MIN_TIMED = 3;

export function vantageCounts(attempts: readonly HandshakeAttempt[]): VantageCounts {
  let atClient = 0;
  let atServer = 0;
  for (const attempt of attempts) {
    if (attempt.vantage === 'client') atClient++;
    else if (attempt.vantage === 'server') atServer++;
  }
  return { atClient, atServer };
}

function timedAt(counts: VantageCounts, side: 'client' | 'server'): boolean {
  const [here, there] = side === 'client' ? [counts.atClient, counts.atServer] : [counts.atServer, counts.atClient];
  return here + there >= MIN_TIMED && here > there;
}

export function rolesReversed(client: VantageCounts, server: VantageCounts): boolean {
  return timedAt(client, 'server') && timedAt(server, 'client');
}

/** Info: a timing inference about the pairing, not a failure; medium, as a capture point can be in between. */
export function rolesDiagnosis(texts: Texts, client: VantageCounts, server: VantageCounts): DiagnosisJson {
  const t = texts.pairChecks;
  const facts = {
    clientCaptureAtClient: client.atClient, clientCaptureAtServer: client.atServer,
    serverCaptureAtClient: server.atClient, serverCaptureAtServer: server.atServer,
  };
  return {
    code: 'capture-roles-reversed',
    severity: 'info',
    confidence: 'medium',
    title: t.rolesReversedTitle,
    explanation: t.rolesReversedExplanation,
    evidence: [{ text: t.rolesReversedEvidence(facts), values: { ...facts }, handshakeIds: [] }],
    fix: null,
    handshakeIds: [],
  };
}
