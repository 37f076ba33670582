/**
 * The benchmark's floors count what they walk: every pcap record, every pcapng block, across the 4 MiB
 * chunk boundaries; and its ratios are per packet, so a slice compares with the whole file. Correctness
 * only: timings belong to `npm run bench`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTcpFrame } from '../../src/generator/frames.js';
import { PcapngWriter } from '../../src/generator/pcapngWriter.js';
import { PcapWriter } from '../../src/generator/pcapWriter.js';
import { TcpFlag } from '../../src/analyzer/layers/tcpPacket.js';
import { walkBlockHeaders, walkRecordHeaders, walkTcpFlags } from '../../tools/bench/measurements/headerWalk.js';
import { headerWalkOf, timesHeaderWalk } from '../../tools/bench/targets.js';
import type { MeasurementLine } from '../../tools/bench/measurements/measurement.js';

const RECORDS = 5_000;

test('the header walks count every record of a pcap and every block of a pcapng over 4 MiB, the flag walk every SYN', () => {
  const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-walk-'));
  try {
    const pcap = new PcapWriter({ linkType: 1 });
    const pcapng = new PcapngWriter({ interfaces: [{ linkType: 1 }] });
    for (let index = 0; index < RECORDS; index++) {
      const frame = buildTcpFrame({
        linkType: 1, src: '10.0.0.1', dst: '10.0.0.2', ttl: 64, srcPort: 40000, dstPort: 80, seq: index, ack: 0,
        flags: index % 7 === 0 ? TcpFlag.SYN : TcpFlag.ACK, window: 502, payloadLength: 1000 + (index % 400),
      });
      pcap.addRecord(1_700_000_000 + index, frame);
      pcapng.addRecord(1_700_000_000 + index, frame);
    }
    const paths = { pcap: join(directory, 'walk.pcap'), pcapng: join(directory, 'walk.pcapng') };
    writeFileSync(paths.pcap, pcap.bytes());
    writeFileSync(paths.pcapng, pcapng.bytes());
    const records = walkRecordHeaders(paths.pcap);
    assert.ok(records.bytes > 5 * 1024 * 1024, `${records.bytes} bytes`);
    assert.equal(records.packets, RECORDS);
    assert.equal(walkBlockHeaders(paths.pcapng).packets, RECORDS + 2, 'the packets, the section header and the interface');
    const flags = walkTcpFlags(paths.pcap);
    assert.equal(flags.packets, RECORDS);
    assert.equal(flags.syns, Math.ceil(RECORDS / 7), 'the flag walk reads each TCP header: every seventh frame is a SYN');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

const line = (file: string, packets: number, seconds: number) => ({ name: file, file, packets, seconds }) as MeasurementLine;

test('each measurement is compared with the walk of its format, per packet', () => {
  const walks = new Map([['pcap', line('a.pcap', 1000, 0.5)], ['pcapng', line('a.pcapng', 1002, 1)]] as const);
  assert.equal(headerWalkOf(line('a.pcapng', 1, 1), walks)?.file, 'a.pcapng');
  assert.equal(headerWalkOf(line('a.pcap.gz', 1, 1), walks)?.file, 'a.pcap');
  assert.equal(headerWalkOf(line('a.pcapng.zst', 1, 1), walks)?.file, 'a.pcapng');
  assert.equal(timesHeaderWalk(line('a.pcap', 1000, 1), walks.get('pcap')!), 2);
  assert.equal(timesHeaderWalk(line('slice.pcap', 100, 1), walks.get('pcap')!), 20, 'a tenth of the packets in the same time: 10× slower per packet');
});
