/**
 * Conformance of the layer decoders with tshark 4.0: every SYN or RST segment tshark finds in a corpus
 * capture must come out of our reader + decodeTcp with the same addresses, ports, raw sequence and
 * acknowledgement numbers, flags, timestamps, MSS and window scale, and we must find no others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureError } from '../../src/analyzer/errors.js';
import { openCapture } from '../../src/analyzer/capture/sniff.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import { decodeTcp } from '../../src/analyzer/layers/decode.js';
import { isSupportedLinkType, linkTypeName } from '../../src/analyzer/layers/linkTypes.js';
import { DecodeStatus, TcpFlag, destinationText, newTcpPacket, sourceText, type TcpPacket } from '../../src/analyzer/layers/tcpPacket.js';
import { hasInnerHeaders, readTsharkTcpRows, type TsharkTcpRow } from './tsharkTcpRows.js';
import { CORPUS_ABSENT, CORPUS_ROOT, corpusAvailable, corpusCaptures } from './corpusFiles.js';

const TSHARK = join(CORPUS_ROOT, 'tshark');
const skipUnlessCorpus = corpusAvailable() ? false : CORPUS_ABSENT;

/** Where tshark's SYN/RST rows for a corpus capture are (`tcpdump/ssh.pcap` → `tshark/tcpdump__ssh.pcap.tcp.tsv`). */
function referencePath(capture: string): string {
  return join(TSHARK, `${capture.replaceAll('/', '__')}.tcp.tsv`);
}

/** The fields both sides print, in the order of a row, as text. */
function tsharkFields(row: TsharkTcpRow): string[] {
  return [
    row.ipSrc || row.ipv6Src, row.ipDst || row.ipv6Dst, row.srcPort, row.dstPort, row.seq, row.ack,
    // tshark's flags have 12 bits (AE and reserved); TcpPacket keeps the header's flag byte.
    `0x${(parseInt(row.flags, 16) & 0xff).toString(16)}`, row.tsval, row.tsecr, row.mss, row.windowScale,
  ];
}

function ourFields(packet: TcpPacket): string[] {
  return [
    sourceText(packet), destinationText(packet), String(packet.srcPort), String(packet.dstPort),
    String(packet.seq), String(packet.ack), `0x${packet.flags.toString(16)}`,
    packet.hasTimestamp ? String(packet.tsval) : '', packet.hasTimestamp ? String(packet.tsecr) : '',
    packet.mss >= 0 ? String(packet.mss) : '', packet.windowScale >= 0 ? String(packet.windowScale) : '',
  ];
}

interface FrameOutcome {
  linkType: number;
  status: DecodeStatus;
  fields: string[] | null;
}

/** Every frame our reader yields, decoded; a reading error ends the walk where tshark may have gone on. */
function decodeCapture(capture: string): { frames: Map<number, FrameOutcome>; error: string | null } {
  const frames = new Map<number, FrameOutcome>();
  const packet = newTcpPacket();
  try {
    const reader = openCapture(new MemorySource(readFileSync(join(CORPUS_ROOT, capture))), capture);
    for (let record = reader.next(); record !== null; record = reader.next()) {
      const status = decodeTcp(record.linkType, record.data, record.originalLength, packet);
      const isSynOrRst = status === DecodeStatus.Tcp && (packet.flags & (TcpFlag.SYN | TcpFlag.RST)) !== 0;
      frames.set(record.index + 1, { linkType: record.linkType, status, fields: isSynOrRst ? ourFields(packet) : null });
    }
    return { frames, error: null };
  } catch (error) {
    if (error instanceof CaptureError) return { frames, error: error.reason };
    throw error;
  }
}

/** Why a tshark row is not compared, or null when it is. */
function exclusion(row: TsharkTcpRow, frame: FrameOutcome | undefined, readError: string | null): string | null {
  if (frame === undefined) return readError ? `our reader stopped before it: ${readError}` : null;
  if (!isSupportedLinkType(frame.linkType)) return `link type ${frame.linkType} (${linkTypeName(frame.linkType)}) not decoded`;
  if (hasInnerHeaders(row)) return 'tshark decodes an inner header (tunnel or ICMP error)';
  return null;
}

test('SYN and RST segments match tshark on the third-party corpus', { skip: skipUnlessCorpus }, async (t) => {
  const captures = corpusCaptures().filter((capture) => existsSync(referencePath(capture)));
  const excludedByReason = new Map<string, number>();
  let compared = 0;
  let matched = 0;
  for (const capture of captures) {
    await t.test(capture, () => {
      const rows = readTsharkTcpRows(referencePath(capture));
      const { frames, error } = decodeCapture(capture);
      const problems: string[] = [];
      const tsharkFrames = new Set<number>();
      for (const row of rows) {
        tsharkFrames.add(row.frame);
        const frame = frames.get(row.frame);
        const reason = exclusion(row, frame, error);
        if (reason !== null) {
          excludedByReason.set(reason, (excludedByReason.get(reason) ?? 0) + 1);
          t.diagnostic(`frame ${row.frame} excluded: ${reason}`);
          continue;
        }
        compared++;
        const expected = tsharkFields(row).join(' ');
        const actual = frame?.fields ? frame.fields.join(' ') : `none (decode status ${frame?.status ?? 'no frame'})`;
        if (expected === actual) matched++;
        else problems.push(`frame ${row.frame}: tshark ${expected} / ours ${actual}`);
      }
      for (const [number, frame] of frames) {
        if (frame.fields && !tsharkFrames.has(number)) problems.push(`frame ${number}: ours ${frame.fields.join(' ')} / tshark none`);
      }
      assert.deepEqual(problems, []);
    });
  }
  const excluded = [...excludedByReason].map(([reason, count]) => `${count} × ${reason}`).join('; ');
  t.diagnostic(`${captures.length} files, ${compared} rows compared, ${matched} matched; excluded: ${excluded || 'none'}`);
});

test('no SYN or RST segment where tshark found none', { skip: skipUnlessCorpus }, (t) => {
  const captures = corpusCaptures().filter((capture) => !existsSync(referencePath(capture)));
  const extra: string[] = [];
  let frameCount = 0;
  for (const capture of captures) {
    const { frames } = decodeCapture(capture);
    frameCount += frames.size;
    for (const [number, frame] of frames) {
      if (frame.fields) extra.push(`${capture} frame ${number}: ${frame.fields.join(' ')}`);
    }
  }
  t.diagnostic(`${captures.length} files without SYN/RST rows, ${frameCount} frames decoded`);
  assert.deepEqual(extra, []);
});
