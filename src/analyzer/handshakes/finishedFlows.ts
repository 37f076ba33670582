/**
 * The flows of a finished tracker as its stored records read them (storedRecords.ts): addresses and
 * ports, 12 bytes a flow, where the live table's row is 32 (the look-up's link, the newest attempt, the
 * latest time and the serial number serve only while the capture is read). A SYN flood gives every
 * attempt a flow of its own: ten million rows kept 200 MB less.
 */
import { flowEndpoints, type FlowEndpoints, type FlowReader } from './flowEndpoints.js';
import { CHUNK_BITS, ROW_IN_CHUNK } from './rowChunks.js';

const V4A = 0;
const V4B = 1;
/** Port a in the low 16 bits, port b in the high 16. */
const PORTS = 2;
const FINISHED_INTS = 3;

export class FinishedFlows implements FlowReader {
  /**
   * One chunk of the live table's rows (`stride` integers a row) as a finished chunk: each row's IPv4
   * addresses (0 for IPv6) and ports, at `v4a`, `v4b` and `ports` in it.
   */
  static chunk(from: Int32Array, stride: number, v4a: number, v4b: number, ports: number): Int32Array {
    const rows = from.length / stride;
    const chunk = new Int32Array(rows * FINISHED_INTS);
    for (let row = 0; row < rows; row++) {
      chunk[row * FINISHED_INTS + V4A] = from[row * stride + v4a];
      chunk[row * FINISHED_INTS + V4B] = from[row * stride + v4b];
      chunk[row * FINISHED_INTS + PORTS] = from[row * stride + ports];
    }
    return chunk;
  }

  constructor(
    /** Rows of flows by flow number, as many a chunk as the table's (rowChunks.ts). */
    private readonly chunks: readonly Int32Array[],
    /** Address texts of the IPv6 flows: [a, b]. */
    private readonly ipv6Addresses: ReadonlyMap<number, [string, string]>,
  ) {}

  endpoints(flow: number): FlowEndpoints {
    const ints = this.chunks[flow >>> CHUNK_BITS];
    const at = (flow & ROW_IN_CHUNK) * FINISHED_INTS;
    const v4a = ints[at + V4A];
    const v4b = ints[at + V4B];
    // Both 0: an IPv6 flow, or an IPv4 flow between 0.0.0.0 and itself, which has no address texts.
    const addresses = v4a === 0 && v4b === 0 ? this.ipv6Addresses.get(flow) : undefined;
    return flowEndpoints(v4a, v4b, ints[at + PORTS], addresses);
  }

  portA(flow: number): number {
    return this.chunks[flow >>> CHUNK_BITS][(flow & ROW_IN_CHUNK) * FINISHED_INTS + PORTS] & 0xffff;
  }

  portB(flow: number): number {
    return this.chunks[flow >>> CHUNK_BITS][(flow & ROW_IN_CHUNK) * FINISHED_INTS + PORTS] >>> 16;
  }

  ipv4Endpoint(flow: number, a: boolean): number {
    const ints = this.chunks[flow >>> CHUNK_BITS];
    const at = (flow & ROW_IN_CHUNK) * FINISHED_INTS;
    const v4a = ints[at + V4A];
    const v4b = ints[at + V4B];
    if (v4a === 0 && v4b === 0 && this.ipv6Addresses.has(flow)) return -1;
    const ports = ints[at + PORTS];
    return a ? (v4a >>> 0) * 65_536 + (ports & 0xffff) : (v4b >>> 0) * 65_536 + (ports >>> 16);
  }
}
