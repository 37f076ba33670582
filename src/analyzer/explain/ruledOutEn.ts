import type { RuledOutTexts } from './ruledOutTexts.js';

export const ruledOutEn: RuledOutTexts = {
  'paws-tw-recycle':
    'SYNs the timestamp rule predicts dropped that were answered; unanswered SYNs as frequent among those it lets through (a base rate: some other drop); ' +
    'a server that sends no timestamps or holds no stamp from a closed connection. The replay checks each. Outside the captures: PAWSPassive not moving, or tcp_tw_recycle = 0.',
  'nat-multiple-clocks':
    'All SYNs from the address on one TSval line (one host), or every connection on a line of its own (random offsets per connection, which count connections, not hosts).',
  'dropped-at-server':
    'A SYN-ACK or reset for the SYN in the server capture, or the SYN missing from it (then it never arrived). Not a full listen queue: no handshakes were pending at the drops.',
  'dropped-at-node':
    'The SYN in the next capture along the path; that capture not recording at the moment; a next capture that misses answered connections the earlier one holds. ' +
    'Outside the captures: conntrack -S insert_failed and drop, and the FORWARD chain\'s counters not moving.',
  'lost-before-server':
    'The SYN in the server capture; the server capture not running at that moment (outside its packets or its stated start and end); ' +
    'a server capture that misses answered connections of its span or says it dropped packets, which makes the loss only likely.',
  'reply-lost':
    'No SYN-ACK leaving the server for the SYN (then the server dropped it), or the SYN-ACK reaching the client capture.',
  'refused':
    'The server capture holding the SYN with no reset leaving the server, or covering the moment without the SYN; a reset whose TTL differs from the server\'s SYN-ACKs. Any of these is a device in front (reset-by-middlebox).',
  'reset-by-middlebox':
    'The server capture showing the server send the reset; without a server capture, a reset with the same TTL as the server\'s SYN-ACKs.',
  'listen-overflow':
    'Drops while no handshakes were pending at the server (random drops: dropped-at-server), or drops matching the timestamp rule. Outside the captures: ListenOverflows and TCPReqQFullDrop not moving.',
  'not-covered':
    'Not a cause: the capture that would show the attempt did not cover the moment. A server capture running then would decide.',
  'unlocated':
    'Not a cause: a single capture cannot tell where the SYN died. A capture at the server of the same moment would decide.',
  'captures-do-not-correspond':
    'Any connection that succeeded while the server capture ran found in it, by ISN or by port, TSval and time.',
  'isn-rewritten':
    'Attempts matching on their ISN in both captures; the port, TSval and time matches being ambiguous.',
  'captures-do-not-overlap':
    'Packet times of the two captures that overlap.',
  'capture-roles-reversed':
    'SYN → SYN-ACK times in the client capture as long as a round trip, and SYN-ACK → ACK times short, as near a client.',
  'syn-cookies':
    'TSval option bits matching no more often than chance (1 in 32); SYN-ACKs keeping window scale and SACK the SYN offered; the server\'s timer resending SYN-ACKs the client did not acknowledge. ' +
    'Outside the captures: SyncookiesSent not moving.',
  'time-wait-collision':
    'The ACK acknowledging the SYN (ISN + 1: a SYN-ACK that lost its flag is not a thing), or coming from another address or port; no previous connection on the four-tuple within 60 s in a capture that shows it. ' +
    'Outside the captures: TCPACKSkippedTimeWait, PAWSEstab and TCPChallengeACK show such answers when they are counted.',
  'slow-connect':
    'The retransmitted SYN being a new connection rather than a retransmission: another ISN, or a gap that fits no retransmission schedule.',
};
