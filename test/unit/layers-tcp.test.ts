import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus, type TcpPacket } from '../../src/analyzer/layers/tcpPacket.js';
import { decode, frameOf, IPV4_ADDRESSES, SYN_FIELDS, TCP_SYN } from './layerFixtures.js';

const RAW_IP = 101;
const IP_HEADER_LENGTH = 20;

/** Raw IPv4 around a TCP header: total length from the bytes, so only the TCP fields vary. */
function rawIpv4(tcp: string): Uint8Array {
  const tcpBytes = frameOf(tcp);
  const totalLength = IP_HEADER_LENGTH + tcpBytes.length;
  return frameOf(`
    45                       // version 4, IHL 5
    00                       // DSCP, ECN
    ${(totalLength >> 8).toString(16).padStart(2, '0')} ${(totalLength & 0xff).toString(16).padStart(2, '0')} // total length
    00 00 40 00              // identification, DF
    40 06 00 00              // TTL 64, protocol TCP, checksum
    c0 a8 00 02              // source 192.168.0.2
    c0 a8 0b fa              // destination 192.168.11.250`, tcp);
}

/** A TCP header whose options a case supplies; the data offset is computed from their length. */
function tcpWithOptions(options: string): string {
  const optionBytes = frameOf(options).length;
  assert.equal(optionBytes % 4, 0, 'options must fill whole words');
  return `
    9c 40 0c ea              // ports 40000 → 3306
    00 00 00 01              // sequence number 1
    00 00 00 00              // acknowledgement number 0
    ${(5 + optionBytes / 4).toString(16)}0 // data offset
    02                       // flags SYN
    72 10 00 00 00 00        // window 29200, checksum, urgent pointer
    ${options}`;
}

test('a Linux SYN: MSS, SACK-permitted, timestamps, NOP, window scale', () => {
  const { status, packet } = decode(RAW_IP, rawIpv4(TCP_SYN));
  assert.equal(status, DecodeStatus.Tcp);
  assert.deepEqual(packet, { ...IPV4_ADDRESSES, ...SYN_FIELDS });
});

test('SACK blocks are counted', () => {
  const { packet } = decode(RAW_IP, rawIpv4(tcpWithOptions(`
    01 01                    // NOP NOP
    05 12                    // SACK, length 18: two blocks
    00 00 10 00 00 00 20 00  // block 1
    00 00 30 00 00 00 40 00  // block 2`)));
  assert.equal(packet.sackBlocks, 2);
});

test('options after EOL are not read', () => {
  const { packet } = decode(RAW_IP, rawIpv4(tcpWithOptions(`
    00                       // EOL
    02 04 05 b4              // MSS that must be ignored
    00 00 00                 // padding`)));
  assert.equal(packet.mss, -1);
});

test('unknown options are skipped by their length, options of a wrong length are ignored', () => {
  const { packet } = decode(RAW_IP, rawIpv4(tcpWithOptions(`
    1e 04 00 81              // MPTCP (30), length 4: unknown to us
    02 03 05                 // MSS with length 3: impossible, ignored
    08 0a 00 00 00 07 00 00 00 09   // timestamps TSval 7, TSecr 9
    01 01 01 01 01 01 01     // NOPs`)));
  assert.equal(packet.mss, -1);
  assert.equal(packet.hasTimestamp, true);
  assert.equal(packet.tsval, 7);
  assert.equal(packet.tsecr, 9);
});

test('an option length of 0 or 1, or past the header, stops option parsing', () => {
  for (const [broken, why] of [['fe 00', 'length 0'], ['fe 01', 'length 1'], ['fe 20', 'length 32: past the header']]) {
    const { status, packet } = decode(RAW_IP, rawIpv4(tcpWithOptions(`
      02 04 05 b4            // MSS 1460, decoded before the bad option
      ${broken}              // an option with ${why}
      01 01                  // NOPs
      03 03 07 00            // window scale after it: not reached`)));
    assert.equal(status, DecodeStatus.Tcp, why);
    assert.equal(packet.mss, 1460, why);
    assert.equal(packet.windowScale, -1, why);
    assert.equal(packet.truncated, false, why);
  }
});

test('a data offset under 5 or beyond the IP payload is malformed', () => {
  const tooShort = TCP_SYN.replace('a0                         // data offset 10', '40 // data offset 4');
  assert.equal(decode(RAW_IP, rawIpv4(tooShort)).status, DecodeStatus.Malformed);
  const pastPayload = TCP_SYN.replace('a0                         // data offset 10', 'f0 // data offset 15: 60 bytes');
  assert.equal(decode(RAW_IP, rawIpv4(pastPayload)).status, DecodeStatus.Malformed);
});

test('the payload length is what the IP header says follows the TCP header', () => {
  const { packet } = decode(RAW_IP, rawIpv4(`${TCP_SYN}
68 65 6c 6c 6f // "hello"`));
  assert.equal(packet.payloadLength, 5);
});

test('a TCP header cut at each boundary: truncated before the flags, lax after', () => {
  const frame = rawIpv4(TCP_SYN);
  const tcpStart = IP_HEADER_LENGTH;
  const at = (tcpBytes: number) => decode(RAW_IP, frame.subarray(0, tcpStart + tcpBytes), frame.length);
  for (let cut = 0; cut < 14; cut++) assert.equal(at(cut).status, DecodeStatus.Truncated, `cut after ${cut} TCP bytes`);
  const expectations: Array<[number, Partial<TcpPacket>]> = [
    [14, { flags: 0x02, seq: 1, window: 0, mss: -1, truncated: true }], // flags present, window cut
    [16, { window: 29200, mss: -1, truncated: true }],                  // fixed header cut before the checksum
    [22, { mss: -1, truncated: true }],                                 // inside MSS
    [24, { mss: 1460, sackPermitted: false, truncated: true }],         // MSS whole
    [26, { sackPermitted: true, hasTimestamp: false, truncated: true }],// SACK-permitted whole
    [35, { hasTimestamp: false, truncated: true }],                     // inside the timestamps
    [36, { hasTimestamp: true, tsval: 5, windowScale: -1, truncated: true }],
    [39, { windowScale: -1, truncated: true }],                         // inside window scale
    [40, { windowScale: 7, truncated: false }],                         // whole header
  ];
  for (const [cut, fields] of expectations) {
    const { status, packet } = at(cut);
    assert.equal(status, DecodeStatus.Tcp, `cut after ${cut} TCP bytes`);
    for (const [name, value] of Object.entries(fields)) {
      assert.equal(packet[name as keyof TcpPacket], value, `${name} with a cut after ${cut} TCP bytes`);
    }
  }
});

test('option fields do not leak from one frame into the next', () => {
  decode(RAW_IP, rawIpv4(TCP_SYN));
  const { packet } = decode(RAW_IP, rawIpv4(tcpWithOptions('')));
  assert.deepEqual(
    [packet.mss, packet.windowScale, packet.sackPermitted, packet.hasTimestamp, packet.truncated],
    [-1, -1, false, false, false],
  );
});
