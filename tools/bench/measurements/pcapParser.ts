/**
 * The pcap-parser package (the design card's original choice) on the same file, as the reference point
 * for our reader. It streams with fs.createReadStream and emits one event per packet.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { PassResult } from './measurement.js';

/** pcap-parser has no types; these are the parts of its event API used here. */
interface PcapParser {
  on(event: 'packet', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  on(event: 'end', listener: () => void): void;
}
const pcapParser = createRequire(join(process.cwd(), 'package.json'))('pcap-parser') as { parse(path: string): PcapParser };

export function parseWithPcapParser(path: string): Promise<PassResult> {
  return new Promise((resolve, reject) => {
    const parser = pcapParser.parse(path);
    let packets = 0;
    parser.on('packet', () => packets++);
    parser.on('error', reject);
    parser.on('end', () => resolve({ packets, bytes: statSync(path).size }));
  });
}
