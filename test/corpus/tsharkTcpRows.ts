/**
 * Reads tshark's reference rows (`../shared/corpus/tshark/NAME.tcp.tsv`): one row per TCP segment with
 * SYN or RST, fields as `tshark -T fields` printed them (multi-valued fields comma-separated).
 */
import { readFileSync } from 'node:fs';

export interface TsharkTcpRow {
  frame: number;
  /** Epoch seconds, as tshark printed them (nanosecond digits). */
  time: string;
  ipSrc: string;
  ipv6Src: string;
  srcPort: string;
  ipDst: string;
  ipv6Dst: string;
  dstPort: string;
  seq: string;
  ack: string;
  /** 12-bit flags as hex text, `0x0012`. */
  flags: string;
  tsval: string;
  tsecr: string;
  mss: string;
  windowScale: string;
  /** `1` when tshark's analysis flags the segment as a retransmission, else empty. */
  retransmission: string;
}

const COLUMNS = [
  'frame.number', 'frame.time_epoch', 'ip.src', 'ipv6.src', 'tcp.srcport', 'ip.dst', 'ipv6.dst', 'tcp.dstport',
  'tcp.seq_raw', 'tcp.ack_raw', 'tcp.flags', 'tcp.options.timestamp.tsval', 'tcp.options.timestamp.tsecr',
  'tcp.options.mss_val', 'tcp.options.wscale.shift', 'tcp.analysis.retransmission',
];

export function readTsharkTcpRows(path: string): TsharkTcpRow[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
  if (lines[0] !== COLUMNS.join('\t')) throw new Error(`${path}: unexpected header ${lines[0]}`);
  return lines.slice(1).map((line) => {
    const field = line.split('\t');
    return {
      frame: Number(field[0]), time: field[1], ipSrc: field[2], ipv6Src: field[3], srcPort: field[4], ipDst: field[5],
      ipv6Dst: field[6], dstPort: field[7], seq: field[8], ack: field[9], flags: field[10], tsval: field[11],
      tsecr: field[12], mss: field[13], windowScale: field[14],
      retransmission: field[15] ?? '',
    };
  });
}

/** tshark decoded more than one IP or TCP header in the frame: a tunnel, or the quoted header in an ICMP error. */
export function hasInnerHeaders(row: TsharkTcpRow): boolean {
  return [row.ipSrc, row.ipv6Src, row.ipDst, row.ipv6Dst, row.srcPort, row.dstPort, row.seq]
    .some((value) => value.includes(','))
    || (row.ipSrc !== '' && row.ipv6Src !== '');
}
