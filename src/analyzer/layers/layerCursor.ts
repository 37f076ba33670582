/**
 * Where the next layer starts and what it is, passed from one layer decoder to the next. One cursor is
 * reused for every frame, so that layer decoders can hand over a few numbers without allocating.
 *
 * Offsets are indexes into the buffer the frame lies in (the reader's chunk buffer), not into the frame:
 * decoders read the reader's bytes where they are, so no view is made per frame.
 */
export interface LayerCursor {
  /** Index in the buffer where the next header starts. */
  offset: number;
  /** Index in the buffer one past the frame's last captured byte: nothing at or after it is read. */
  end: number;
  /** What that header is: an ethertype after a link layer, an IP protocol number after an IP layer. */
  protocol: number;
  /** Bytes the IP header says follow it (its payload), for the TCP payload length. */
  ipPayloadLength: number;
  /** The IP header just decoded said more fragments follow (IPv4 MF, or an IPv6 fragment header with M set). */
  fragmented: boolean;
  /** The outermost tunnel of the frame (a TunnelKind, None while there is none), noted as numbers so that nothing is allocated. */
  tunnelKind: number;
  /** Index in the buffer of that tunnel's outer IP header; -1 for tunnels outside IP (MPLS, PPPoE). */
  tunnelOuterIp: number;
  /** That tunnel's identifier (VNI, GRE key as unsigned 32 bits, session, label), -1 when it has none. */
  tunnelId: number;
}

/** A layer decoder's answer when the frame goes on to the next layer (DecodeStatus values are all ≥ 0). */
export const CONTINUE = -1;

/** The tunnels, as numbers in the cursor; tunnelSeen.ts names them. */
export const enum TunnelKind {
  None = 0,
  Vxlan = 1,
  Geneve = 2,
  Gre = 3,
  Erspan = 4,
  IpInIp = 5,
  Mpls = 6,
  Pppoe = 7,
}

/** TunnelKind.None as a plain constant, for modules that keep local copies (see decode.ts). */
export const NO_TUNNEL = TunnelKind.None;

export function newLayerCursor(): LayerCursor {
  return { offset: 0, end: 0, protocol: 0, ipPayloadLength: 0, fragmented: false, tunnelKind: TunnelKind.None, tunnelOuterIp: -1, tunnelId: -1 };
}

/** Notes a tunnel the frame is decoded through; only the outermost is kept. */
export function noteTunnel(cursor: LayerCursor, kind: TunnelKind, outerIp: number, id: number): void {
  if (cursor.tunnelKind !== TunnelKind.None) return;
  cursor.tunnelKind = kind;
  cursor.tunnelOuterIp = outerIp;
  cursor.tunnelId = id;
}

/** Steps over `length` bytes of tunnel header, which tunnelHeaderFits has checked. */
export function skipTunnelHeader(cursor: LayerCursor, length: number): void {
  cursor.offset += length;
  cursor.ipPayloadLength -= length;
}

/** Points the cursor at a frame of `length` captured bytes starting at `start`, before its link layer. */
export function startFrame(cursor: LayerCursor, start: number, length: number): void {
  cursor.offset = start;
  cursor.end = start + length;
  cursor.tunnelKind = TunnelKind.None;
}
