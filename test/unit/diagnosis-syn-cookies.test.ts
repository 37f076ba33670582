/**
 * syn-cookies (diagnosis/synCookies.ts, diagnosis/synCookieSigns.ts): each sign, the chance matches that
 * must not fire, and the look-alikes (a server with window scale and SACK off, tcp_synack_retries=0, a
 * client capture that cannot see the server's timer, an MSS that happens to be in the cookie table).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HandshakeAttempt, TcpOptionsSeen } from '../../src/analyzer/model.js';
import { textsFor } from '../../src/analyzer/explain/catalog.js';
import { binomialUpperTail } from '../../src/analyzer/diagnosis/binomialTail.js';
import { attemptsByServer, synCookieDiagnosis, type SynCookieContext } from '../../src/analyzer/diagnosis/synCookies.js';
import { cookieTimestampOptions, optionsLostWithoutTimestamps, synAckTimerSign, tsvalEncodesSynOptions } from '../../src/analyzer/diagnosis/synCookieSigns.js';
import { attempt } from './attemptSketch.js';

const en = textsFor('en');
const options = (o: Partial<TcpOptionsSeen>): TcpOptionsSeen => ({ mss: 1460, windowScale: 7, sackPermitted: true, tsval: null, tsecr: null, ...o });

/** An answered attempt: SYN options, SYN-ACK options, SYN times, SYN-ACK count, and whether the client's ACK came. */
function answered(id: number, o: { syn?: Partial<TcpOptionsSeen>; synAck?: Partial<TcpOptionsSeen>; synTimes?: number[]; synAcks?: number; acked?: boolean }): HandshakeAttempt {
  const synTimes = o.synTimes ?? [id];
  const base = attempt({ id, client: `10.0.0.${id}:${40000 + id}`, syns: synTimes.map((t) => [t, o.syn?.tsval ?? null]), synAckAt: synTimes[0] + 0.0001 });
  const acked = o.acked ?? true;
  return {
    ...base,
    synOptions: options({ tsval: null, ...o.syn }),
    synAck: { ...base.synAck!, count: o.synAcks ?? synTimes.length, options: options({ tsval: null, ...o.synAck }) },
    ack: acked ? { frame: id * 100 + 51, time: synTimes[synTimes.length - 1] + 0.001, withData: false } : null,
    verdict: acked ? 'pass' : 'fail',
    outcome: acked ? 'established' : 'no-ack',
  };
}

/** A cookie SYN-ACK with timestamps: the clock `ms` with its low 6 bits replaced (cookie_init_timestamp). */
const cookieTsval = (ms: number, windowScale: number | null, sack: boolean) => (ms & ~0x3f) | cookieTimestampOptions(windowScale, sack);
const withTs = (id: number, synAckTsval: number) => answered(id, { syn: { tsval: 5000 + id }, synAck: { tsval: synAckTsval } });
const atServer: SynCookieContext = { atServer: true, captureEnd: 100, idOf: (a) => a.id };
const atClient: SynCookieContext = { ...atServer, atServer: false };
const diagnose = (attempts: HandshakeAttempt[], context = atServer) => synCookieDiagnosis(en, attempts, context);

test('binomial tail: exact values and edges', () => {
  assert.ok(Math.abs(binomialUpperTail(3, 3, 1 / 32) - 1 / 32768) < 1e-18);
  assert.equal(binomialUpperTail(10, 0, 0.3), 1);
  assert.equal(binomialUpperTail(2, 3, 0.5), 0);
  assert.ok(Math.abs(binomialUpperTail(4, 2, 0.5) - 11 / 16) < 1e-12);
  assert.ok(binomialUpperTail(100, 3, 1 / 32) > 0.5);
  assert.throws(() => binomialUpperTail(-1, 0, 0.5), RangeError);
});

test('sign: the TSval low bits carry window scale and SACK as cookie_init_timestamp writes them', () => {
  assert.equal(cookieTimestampOptions(7, true), 0x17);
  assert.equal(cookieTimestampOptions(null, false), 0x0f);
  assert.equal(tsvalEncodesSynOptions(withTs(1, cookieTsval(123_456, 7, true))), true);
  assert.equal(tsvalEncodesSynOptions(withTs(1, cookieTsval(123_456, 7, false))), false);
  // Without timestamps in the SYN there is no TSval to carry them.
  assert.equal(tsvalEncodesSynOptions(answered(1, { synAck: { tsval: 0x17 } })), false);
  // A snapshot length that cut the SYN after its TSval may have cut its window scale: not judged.
  assert.equal(tsvalEncodesSynOptions(answered(1, { syn: { tsval: 9, windowScale: null, cut: 'tsecr' }, synAck: { tsval: cookieTsval(123_456, null, true) } })), false);
});

test('sign: options lost only for a SYN without timestamps that offered them, and only when the SYN-ACK has neither', () => {
  assert.equal(optionsLostWithoutTimestamps(answered(1, { synAck: { windowScale: null, sackPermitted: false } })), true);
  assert.equal(optionsLostWithoutTimestamps(answered(1, { synAck: { windowScale: null, sackPermitted: true } })), false);
  assert.equal(optionsLostWithoutTimestamps(answered(1, { syn: { tsval: 9 }, synAck: { windowScale: null, sackPermitted: false } })), false);
  assert.equal(optionsLostWithoutTimestamps(answered(1, { syn: { windowScale: null, sackPermitted: false }, synAck: { windowScale: null, sackPermitted: false } })), false);
  // Options the snapshot length cut say nothing.
  assert.equal(optionsLostWithoutTimestamps(answered(1, { synAck: { windowScale: null, sackPermitted: false, cut: 'before-timestamps' } })), false);
});

test('sign: the SYN-ACK timer, due only after a silence past 1.5 s', () => {
  const gaveUp = answered(1, { synTimes: [1, 2, 3], acked: false });
  assert.equal(synAckTimerSign(gaveUp, 10), 'not-retransmitted');
  assert.equal(synAckTimerSign({ ...gaveUp, synAck: { ...gaveUp.synAck!, count: 4 } }, 10), 'retransmitted');
  // The capture ended (its last packet) 1 s after the last SYN: the timer was not due yet.
  assert.equal(synAckTimerSign(gaveUp, 4), 'not-due');
  // A client retransmitting every second keeps the timer re-armed (tcp_check_req: mod_timer_pending).
  assert.equal(synAckTimerSign(answered(2, { synTimes: [1, 2, 3] }), 10), 'not-due');
  // The client's reset ends the silence.
  assert.equal(synAckTimerSign({ ...gaveUp, rst: { frame: 9, time: 3.2, from: 'client' } }, 10), 'not-due');
});

test('TSval encoding on 3 distinct TSvals: high, each attempt named, with the chance of it', () => {
  const attempts = [1, 2, 3].map((id) => withTs(id, cookieTsval(id * 1000, 7, true)));
  const found = diagnose(attempts, atClient)!;
  assert.deepEqual([found.code, found.severity, found.confidence, found.handshakeIds], ['syn-cookies', 'warning', 'high', [1, 2, 3]]);
  assert.deepEqual(found.evidence[0].values, {
    server: '192.168.11.250:3306', sign: 'tsval-options', attempts: 3, tsvalsMatched: 3, tsvalsJudged: 3, pChance: 3.05e-5,
    synAckTsval: cookieTsval(1000, 7, true), lowBits: 0x17, windowScale: 7, sackPermitted: true,
  });
  // From the client side the timer cannot be judged, and the evidence says so.
  assert.deepEqual(found.evidence[1].values, { sign: 'no-synack-retransmission', judged: false });
});

test('negative: chance matches of the TSval bits do not fire', () => {
  const matching = (ids: number[]) => ids.map((id) => withTs(id, cookieTsval(id * 1000, 7, true)));
  // Two are below MIN_ATTEMPTS.
  assert.equal(diagnose(matching([1, 2])), null);
  // Three among a hundred random TSvals are what chance gives (1 in 32 each).
  const others = Array.from({ length: 97 }, (_, i) => withTs(10 + i, ((i * 7919) << 6) | ((i % 31) === 23 ? 0 : (i % 31))));
  assert.equal(others.filter(tsvalEncodesSynOptions).length, 0);
  assert.equal(diagnose([...matching([1, 2, 3]), ...others]), null);
  // Five connections within one clock tick share one TSval: one trial, not five.
  assert.equal(diagnose([1, 2, 3, 4, 5].map((id) => withTs(id, cookieTsval(1000, 7, true)))), null);
});

test('options lost beside SYN-ACKs that keep them: high; the lost ones named', () => {
  const lost = [1, 2, 3].map((id) => answered(id, { synAck: { windowScale: null, sackPermitted: false } }));
  const kept = answered(4, { syn: { tsval: 77 }, synAck: { tsval: 12 } });
  const found = diagnose([...lost, kept], atClient)!;
  assert.deepEqual([found.confidence, found.handshakeIds], ['high', [1, 2, 3]]);
  assert.deepEqual(found.evidence[0].values, { server: '192.168.11.250:3306', sign: 'options-lost', attempts: 3, synAcksWithOptions: 1 });
});

test('negative: a server that never sends window scale or SACK (tcp_window_scaling=0, tcp_sack=0, an embedded stack) is not a cookie server', () => {
  const lost = [1, 2, 3, 4].map((id) => answered(id, { synAck: { windowScale: null, sackPermitted: false } }));
  assert.equal(diagnose(lost, atClient), null);
});

test('negative: the MSS is no sign (the SYN-ACK carries the server\'s own, tcp_make_synack); 1460 and 1300 alone name nothing', () => {
  const table = [1, 2, 3].map((id) => answered(id, { syn: { mss: 1400, tsval: 10 + id }, synAck: { mss: 1300, tsval: 999_999 + id * 64 } }));
  assert.equal(diagnose(table, atClient), null);
  const plain = [1, 2, 3].map((id) => answered(id, { syn: { tsval: 10 + id }, synAck: { tsval: 777_777 + id * 64 } }));
  assert.equal(diagnose(plain, atClient), null);
});

test('SYN-ACKs never resent by the server: medium alone, high when the same server\'s timer resent others', () => {
  const gaveUp = [1, 2, 3].map((id) => answered(id, { synTimes: [id, id + 1, id + 2], acked: false }));
  const alone = diagnose(gaveUp)!;
  assert.deepEqual([alone.confidence, alone.handshakeIds], ['medium', [1, 2, 3]]);
  assert.deepEqual(alone.evidence[0].values, { server: '192.168.11.250:3306', sign: 'no-synack-retransmission', attempts: 3, timerRetransmitted: 0, longestSilenceSeconds: 97 });
  const timerOn = answered(9, { synTimes: [20], synAcks: 3, acked: false });
  assert.equal(diagnose([...gaveUp, timerOn])!.confidence, 'high');
});

test('negative: the timer is not judged from a client capture, nor when no silence made it due, nor from fewer than 3 attempts', () => {
  const gaveUp = [1, 2, 3].map((id) => answered(id, { synTimes: [id, id + 1, id + 2], acked: false }));
  assert.equal(diagnose(gaveUp, atClient), null);
  assert.equal(diagnose(gaveUp, { ...atServer, captureEnd: 5.5 }), null);
  assert.equal(diagnose(gaveUp.slice(0, 2)), null);
  // A server whose timer resent every SYN-ACK kept request sockets: no cookies.
  assert.equal(diagnose(gaveUp.map((a) => ({ ...a, synAck: { ...a.synAck!, count: 5 } }))), null);
});

test('one diagnosis per capture, evidence per server endpoint; the texts exist in both languages', () => {
  const a = [1, 2, 3].map((id) => withTs(id, cookieTsval(id * 1000, 7, true)));
  const b = [4, 5, 6].map((id) => ({ ...withTs(id, cookieTsval(id * 1000, 7, true)), server: { address: '192.168.11.251', port: 80 } }));
  const found = diagnose([...a, ...b], atClient)!;
  assert.deepEqual(found.handshakeIds, [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(found.evidence.filter((e) => e.values.sign === 'tsval-options').map((e) => e.values.server), ['192.168.11.250:3306', '192.168.11.251:80']);
  const zh = synCookieDiagnosis(textsFor('zh-cn'), a, atClient)!;
  assert.match(zh.title, /SYN cookie/);
  assert.notEqual(zh.explanation, found.explanation);
  assert.ok(found.fix!.commands.some((c) => c.includes('TcpExtSyncookiesSent')));
});

test('attempts are grouped per server endpoint in the order of each one\'s first attempt; another port or address is another group', () => {
  const at = (id: number, server: string) => attempt({ id, client: `10.0.0.2:${50000 + id}`, server, syns: [[1_700_000_000 + id, null]] });
  const attempts = [at(1, '192.0.2.7:443'), at(2, '192.0.2.7:80'), at(3, '192.0.2.7:443'), at(4, '[2001:db8::7]:443'), at(5, '192.0.2.8:443'), at(6, '192.0.2.7:80')];
  assert.deepEqual(attemptsByServer(attempts).map(([server, group]) => [server, group.map((a) => a.id)]), [
    ['192.0.2.7:443', [1, 3]], ['192.0.2.7:80', [2, 6]], ['[2001:db8::7]:443', [4]], ['192.0.2.8:443', [5]],
  ]);
  assert.deepEqual(attemptsByServer([]), []);
});
