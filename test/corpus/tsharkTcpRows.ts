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
  /**
   * IP headers tshark decoded in the frame: more than one inside a tunnel, where the address fields above
   * hold the innermost header's (tshark lists them outermost first).
   */
  ipHeaders: number;
  /** tshark decoded both an IPv4 and an IPv6 header: its fields do not say which of them is inside. */
  mixedIpVersions: boolean;
  /** tshark decoded more than one TCP header (a segment quoted in an ICMP error, or TCP inside TCP). */
  severalTcpHeaders: boolean;
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
    const [ipSrc, ipv6Src, ipDst, ipv6Dst] = [field[2], field[3], field[5], field[6]];
    const ipHeaders = values(ipSrc).length + values(ipv6Src).length;
    return {
      frame: Number(field[0]), time: field[1], ipSrc: innermost(ipSrc), ipv6Src: innermost(ipv6Src), srcPort: field[4],
      ipDst: innermost(ipDst), ipv6Dst: innermost(ipv6Dst), dstPort: field[7], seq: field[8], ack: field[9], flags: field[10],
      tsval: field[11], tsecr: field[12], mss: field[13], windowScale: field[14],
      retransmission: field[15] ?? '',
      ipHeaders,
      mixedIpVersions: ipSrc !== '' && ipv6Src !== '',
      severalTcpHeaders: [field[4], field[7], field[8]].some((value) => value.includes(',')),
    };
  });
}

function values(field: string): string[] {
  return field === '' ? [] : field.split(',');
}

/** The last of a multi-valued field: the innermost header's. */
function innermost(field: string): string {
  return field.slice(field.lastIndexOf(',') + 1);
}
