import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecodeStatus, OptionsCut, type TcpPacket } from '../../src/analyzer/layers/tcpPacket.js';
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

test('the NOP, NOP, timestamp layout of data segments gives what the option walk gives, whole or cut', () => {
  const layout = `
    01 01                    // NOP NOP
    08 0a 9a bc de f0 00 00 00 2a  // timestamps TSval 0x9abcdef0, TSecr 42`;
  const { status, packet } = decode(RAW_IP, rawIpv4(tcpWithOptions(layout)));
  assert.equal(status, DecodeStatus.Tcp);
  assert.deepEqual([packet.hasTimestamp, packet.tsval, packet.tsecr, packet.optionsCut, packet.mss], [true, 0x9abcdef0, 42, OptionsCut.None, -1]);
  // The same first word with another option after it is walked: the window scale is read.
  const longer = decode(RAW_IP, rawIpv4(tcpWithOptions(`${layout}
    01 03 03 07              // NOP, window scale 7`))).packet;
  assert.deepEqual([longer.tsval, longer.windowScale], [0x9abcdef0, 7]);
  // Cut by the snaplen inside the TSecr: the walk's answer, TSval kept and TSecr lost.
  const whole = rawIpv4(tcpWithOptions(layout));
  const cut = decode(RAW_IP, whole.subarray(0, whole.length - 2), whole.length).packet;
  assert.deepEqual([cut.hasTimestamp, cut.tsval, cut.optionsCut], [true, 0x9abcdef0, OptionsCut.Tsecr]);
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

test('a TCP header cut before the flags is truncated', () => {
  const frame = rawIpv4(TCP_SYN);
  for (let cut = 0; cut < 14; cut++) {
    assert.equal(decode(RAW_IP, frame.subarray(0, IP_HEADER_LENGTH + cut), frame.length).status, DecodeStatus.Truncated, `cut after ${cut} TCP bytes`);
  }
});

/** TCP_SYN with TSecr 9, so that a TSecr read from bytes that were not captured would show. */
const SYN_WITH_TSECR = TCP_SYN.replace('08 0a 00 00 00 05 00 00 00 00', '08 0a 00 00 00 05 00 00 00 09');

/**
 * What a Linux SYN cut after `cut` TCP bytes decodes to. Its options: MSS at 20–23, SACK-permitted at
 * 24–25, timestamps at 26–35 (TSval 28–31, TSecr 32–35), NOP at 36, window scale at 37–39.
 */
function linuxSynCutAt(cut: number): Partial<TcpPacket> {
  const tsvalWhole = cut >= 32;
  let optionsCut: OptionsCut;
  if (cut >= 40) optionsCut = OptionsCut.None;
  else if (cut >= 36) optionsCut = OptionsCut.AfterTimestamps;
  else if (tsvalWhole) optionsCut = OptionsCut.Tsecr;
  else if (cut >= 27) optionsCut = OptionsCut.Tsval; // the timestamp kind is there
  else optionsCut = OptionsCut.BeforeTimestamps;     // up to 26: nothing says a timestamp option follows
  return {
    flags: 0x02, seq: 1,
    window: cut >= 16 ? 29200 : 0,
    mss: cut >= 24 ? 1460 : -1,
    sackPermitted: cut >= 26,
    hasTimestamp: tsvalWhole,
    tsval: tsvalWhole ? 5 : 0,
    tsecr: cut >= 36 ? 9 : 0,
    windowScale: cut >= 40 ? 7 : -1,
    truncated: cut < 40,
    optionsCut,
  };
}

test('a Linux SYN cut at every byte of its header after the flags: each option whose bytes are there, a whole TSval without its TSecr', () => {
  // decode() also decodes each cut frame amid 0xff bytes: nothing past the cut is read.
  const frame = rawIpv4(SYN_WITH_TSECR);
  for (let cut = 14; cut <= 40; cut++) {
    const { status, packet } = decode(RAW_IP, frame.subarray(0, IP_HEADER_LENGTH + cut), frame.length);
    assert.equal(status, DecodeStatus.Tcp, `cut after ${cut} TCP bytes`);
    for (const [name, value] of Object.entries(linuxSynCutAt(cut))) {
      assert.equal(packet[name as keyof TcpPacket], value, `${name} with a cut after ${cut} TCP bytes`);
    }
  }
});

test('a cut inside options without timestamps says the timestamps are unknown; options that ended before the cut are not cut', () => {
  // A Windows SYN: MSS, NOP, window scale, NOP, NOP, SACK-permitted; cut inside SACK-permitted.
  const windows = rawIpv4(tcpWithOptions('02 04 05 b4  01  03 03 08  01 01  04 02'));
  const cutInside = decode(RAW_IP, windows.subarray(0, IP_HEADER_LENGTH + 20 + 11), windows.length).packet;
  assert.deepEqual([cutInside.mss, cutInside.windowScale, cutInside.sackPermitted], [1460, 8, false]);
  assert.equal(cutInside.optionsCut, OptionsCut.BeforeTimestamps);
  // MSS then EOL: the padding after the end of the options is cut, nothing that mattered.
  const ended = rawIpv4(tcpWithOptions('02 04 05 b4  00 00 00 00'));
  const cutPadding = decode(RAW_IP, ended.subarray(0, IP_HEADER_LENGTH + 20 + 6), ended.length).packet;
  assert.deepEqual([cutPadding.mss, cutPadding.truncated, cutPadding.optionsCut], [1460, true, OptionsCut.None]);
  // A header without options cut inside its fixed part lost no options.
  const bare = rawIpv4(tcpWithOptions(''));
  assert.equal(decode(RAW_IP, bare.subarray(0, IP_HEADER_LENGTH + 15), bare.length).packet.optionsCut, OptionsCut.None);
});

test('a timestamp option of the wrong length is no timestamp, cut or not', () => {
  // Length 8: tcp_parse_options() ignores it, so the cut after it leaves the timestamps unknown.
  const odd = rawIpv4(tcpWithOptions('08 08 00 00 00 05 00 00  02 04 05 b4'));
  const { packet } = decode(RAW_IP, odd.subarray(0, IP_HEADER_LENGTH + 20 + 6), odd.length);
  assert.deepEqual([packet.hasTimestamp, packet.optionsCut], [false, OptionsCut.BeforeTimestamps]);
});

test('option fields do not leak from one frame into the next', () => {
  decode(RAW_IP, rawIpv4(TCP_SYN));
  const { packet } = decode(RAW_IP, rawIpv4(tcpWithOptions('')));
  assert.deepEqual(
    [packet.mss, packet.windowScale, packet.sackPermitted, packet.hasTimestamp, packet.truncated, packet.optionsCut],
    [-1, -1, false, false, false, OptionsCut.None],
  );
});
