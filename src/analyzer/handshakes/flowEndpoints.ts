/** A flow's four-tuple as the records read it, from the live flow table or a finished one. */

/** One four-tuple as the records read it. Endpoint "a" is whichever endpoint sent the first packet seen. */
export interface FlowEndpoints {
  ipVersion: 4 | 6;
  v4a: number;
  v4b: number;
  v6a: string;
  v6b: string;
  portA: number;
  portB: number;
}

/** What the attempts read of their flows: the live table (flowTable.ts) while the capture is read, FinishedFlows after. */
export interface FlowReader {
  endpoints(flow: number): FlowEndpoints;
  portA(flow: number): number;
  portB(flow: number): number;
  /** Endpoint a's or b's IPv4 address (unsigned) × 65,536 + its port; -1 for an IPv6 flow. */
  ipv4Endpoint(flow: number, a: boolean): number;
}

/** A flow's endpoints from its addresses' bits, its ports (port a low, port b high) and, for IPv6, its address texts. */
export function flowEndpoints(v4a: number, v4b: number, ports: number, addresses: readonly [string, string] | undefined): FlowEndpoints {
  return {
    ipVersion: addresses === undefined ? 4 : 6, v4a: v4a >>> 0, v4b: v4b >>> 0,
    v6a: addresses?.[0] ?? '', v6b: addresses?.[1] ?? '', portA: ports & 0xffff, portB: ports >>> 16,
  };
}
