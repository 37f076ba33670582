/**
 * The `nat-multiple-clocks` diagnosis (info): one per address whose SYNs show several TSval clocks, or
 * one line per connection. It says which of the two the data shows and never counts hosts it cannot see.
 */
import type { Texts } from '../explain/texts.js';
import type { AddressTranslation } from '../correlation/natTranslation.js';
import type { DiagnosisJson, EvidenceJson } from '../report.js';
import type { AddressClocks } from './timestampClocks.js';

/** A clock line this long makes a host count certain rather than likely. */
const SOLID_LINE = 3;

/**
 * `firstCaptureIds` maps an attempt id of the capture the clocks come from to the first capture's id
 * (null when the first capture does not hold that attempt).
 */
export function clockDiagnoses(texts: Texts, clocks: readonly AddressClocks[], firstCaptureIds: (id: number) => number | null, translations: readonly AddressTranslation[]): DiagnosisJson[] {
  const diagnoses: DiagnosisJson[] = [];
  for (const address of clocks) {
    if (address.pattern !== 'several-clocks' && address.pattern !== 'per-connection') continue;
    const ids = [...address.clocks.flatMap((c) => c.attemptIds), ...address.loneAttemptIds];
    const handshakeIds = [...new Set(ids.map(firstCaptureIds).filter((id): id is number => id !== null))].sort((a, b) => a - b);
    const perConnection = address.pattern === 'per-connection';
    const evidence: EvidenceJson[] = address.clocks.map((clock, index) => ({
      text: texts.clockLine(address.address, index, { ...clock, connections: clock.attemptIds.length }),
      values: {
        address: address.address, clock: index + 1, rateHz: clock.rateHz, connections: clock.attemptIds.length,
        firstTsval: clock.firstTsval, firstTime: clock.firstTime, lastTime: clock.lastTime,
      },
      handshakeIds: clock.attemptIds.map(firstCaptureIds).filter((id): id is number => id !== null),
    }));
    if (address.loneAttemptIds.length > 0) {
      evidence.push({ text: texts.loneConnections(address.loneAttemptIds.length), values: { address: address.address, loneConnections: address.loneAttemptIds.length }, handshakeIds: [] });
    }
    const mapping = translations.find((t) => t.serverSees === address.address && t.clients.some((c) => c.address !== address.address));
    if (mapping) {
      evidence.push({
        text: texts.natMapping(mapping.serverSees, mapping.clients, mapping.portsRewritten),
        values: { serverSees: mapping.serverSees, clientAddresses: mapping.clients.map((c) => c.address).join(' '), portsRewritten: mapping.portsRewritten },
        handshakeIds: [],
      });
    }
    const solid = address.clocks.filter((c) => c.attemptIds.length >= SOLID_LINE).length >= 2;
    diagnoses.push({
      code: 'nat-multiple-clocks',
      severity: 'info',
      confidence: !perConnection && solid ? 'high' : 'medium',
      title: perConnection
        ? texts.clocksPerConnectionTitle(address.address, address.connections)
        : texts.clocksTitle(address.address, address.clocks.length, address.loneAttemptIds.length),
      explanation: perConnection ? texts.clocksPerConnectionExplanation : texts.clocksExplanation,
      evidence,
      fix: null,
      handshakeIds,
    });
  }
  return diagnoses;
}
