/** English sentences of the checks that two captures are of the same traffic. */
import { captureTime, grouped, plural, readableDuration } from './format.js';
import type { PairCheckTexts } from './pairCheckTexts.js';

const UNITS = { ms: 'ms', s: 's', min: 'min', h: 'hours', days: 'days' };
const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

export const pairCheckEn: PairCheckTexts = {
  notCorrespondingTitle: (f) =>
    `The two captures are not of the same traffic: none of ${plural(f.passed, 'connection', 'connections')} that succeeded during the server capture ${f.passed === 1 ? 'is' : 'are'} in it`,
  notCorrespondingExplanation:
    'A connection whose handshake completed reached the server, so a server-side capture running at that moment shows its SYN, recognised by its initial sequence number, ' +
    'destination port and TCP timestamp (which NAT keeps). None of them is there: the server capture is of other traffic (another server, another day, another pairing), ' +
    'or a device between the captures rewrites sequence numbers and the SYNs carry no timestamps to recognise them by. ' +
    'Nothing is located for this pair: without the same traffic on both sides, a SYN missing from the server capture proves nothing.',
  notCorrespondingEvidence: (f) =>
    `${grouped(f.found)} of ${plural(f.passed, 'successful connection', 'successful connections')} between ${captureTime(f.coveredFrom)} and ${captureTime(f.coveredTo)} ` +
    '(the server capture\'s span in the client capture\'s clock, to ports the server capture shows) appear in the server capture.',
  notCorrespondingFix:
    'Pair the client capture with a server capture taken at the same time on the server the client connects to. If a firewall between them randomises TCP sequence numbers ' +
    '(Cisco ASA sequence-number randomisation, pf "modulate state"), capture with TCP timestamps on, or on the same side of the firewall.',

  isnRewrittenTitle: (f) =>
    `A device between the captures rewrites TCP initial sequence numbers (${plural(f.pairs, 'connection', 'connections')} recognised by port, timestamp and time)`,
  isnRewrittenExplanation:
    'These SYNs reached the server with the same destination port and the same TCP timestamps (TSval) at the same moment, but with another initial sequence number: ' +
    'something on the path rewrites sequence numbers, as Cisco ASA\'s sequence-number randomisation and pf\'s "modulate state" do. ' +
    'The attempts are matched on port, TSval and time instead, and located as usual. It is harmless in itself, ' +
    'but such devices have been known to mishandle SACK blocks and TCP timestamps.',
  isnRewrittenEvidence: (f) =>
    `${plural(f.pairs, 'attempt matches', 'attempts match')} on destination port, TSval and time with another ISN at the server; ` +
    `${plural(f.distinctDeltas, 'distinct ISN delta', 'distinct ISN deltas')}` +
    (f.distinctDeltas > 1 && f.distinctDeltas === f.pairs ? ' (a new random one per connection)' : '') +
    `; ${plural(f.unchangedPairs, 'attempt', 'attempts')} kept ${f.unchangedPairs === 1 ? 'its' : 'their'} ISN.`,
  isnRewrittenPair: (p) =>
    `${p.client} (${p.serverSees} at the server), TSval ${p.tsval}: ISN ${p.clientIsn} became ${p.serverIsn} (delta ${hex(p.delta)}), ` +
    `server clock ${grouped(p.offsetMs)} ms from the client's.`,

  noOverlapTitle: (f) =>
    `The two captures' recorded times do not overlap (${readableDuration(f.gapSeconds * 1000, UNITS)} apart)`,
  noOverlapExplanation: (matched) => matched
    ? 'The captures\' packet times do not overlap, yet their attempts match on ISN, port and TCP timestamps: they are of the same traffic, ' +
      'and one machine\'s clock was off. Times are compared with the offset the matched attempts show.'
    : 'The captures\' packet times do not overlap and no attempt appears in both: the server capture does not cover any moment of the client capture, ' +
      'so no failure can be located with it.',
  noOverlapEvidence: (f) =>
    `The client capture runs from ${captureTime(f.clientFrom)} to ${captureTime(f.clientTo)}, the server capture from ${captureTime(f.serverFrom)} to ${captureTime(f.serverTo)}` +
    (f.offsetMs === null ? '.' : `; matched attempts put the server capture's clock ${readableDuration(Math.abs(f.offsetMs), UNITS)} ${f.offsetMs >= 0 ? 'ahead of' : 'behind'} the client's.`),

  passedMissing: (missing, passed) =>
    `The server capture also misses ${grouped(missing)} of ${plural(passed, 'connection', 'connections')} that succeeded while it was recording: ` +
    'it does not show all the traffic (capture drops, a filter, another backend), so a SYN missing from it may still have arrived.',

  serverCaptureDropped: (dropped) =>
    `The server capture says it dropped ${plural(dropped, 'packet', 'packets')} itself (pcapng interface statistics, isb_ifdrop and isb_osdrop: ` +
    'the capture buffer was full): a SYN missing from it may still have arrived.',

  correspondenceUnverified:
    'No connection succeeded while the server capture was recording, so nothing shows that it holds this client\'s traffic ' +
    '(a wrong pairing, or a firewall rewriting sequence numbers, would look the same): a SYN missing from it may still have arrived.',

  rolesReversedTitle: 'The captures look swapped: the client capture was taken near the server, the server capture near the client',
  rolesReversedExplanation:
    'Near the client the SYN → SYN-ACK time is a full round trip and the SYN-ACK → ACK time is short; near the server it is the other way round. ' +
    'The "client" capture shows the server\'s timing and the "server" capture the client\'s, so the pairing is probably reversed: ' +
    'give the client-side capture first and the server-side one as the server capture. Until then, locations and the PAWS replay read each capture as the other side.',
  rolesReversedEvidence: (f) =>
    `Client capture: ${plural(f.clientCaptureAtServer, 'attempt', 'attempts')} timed as seen near the server, ${grouped(f.clientCaptureAtClient)} near the client. ` +
    `Server capture: ${plural(f.serverCaptureAtClient, 'attempt', 'attempts')} timed as seen near the client, ${grouped(f.serverCaptureAtServer)} near the server.`,
};
