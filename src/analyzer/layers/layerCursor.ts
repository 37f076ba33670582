/**
 * Where the next layer starts and what it is, passed from one layer decoder to the next. One cursor is
 * reused for every frame, so that layer decoders can hand over two numbers without allocating.
 */
export interface LayerCursor {
  /** Byte offset in the frame where the next header starts. */
  offset: number;
  /** What that header is: an ethertype after a link layer, an IP protocol number after an IP layer. */
  protocol: number;
  /** Bytes the IP header says follow it (its payload), for the TCP payload length. */
  ipPayloadLength: number;
}

/** A layer decoder's answer when the frame goes on to the next layer (DecodeStatus values are all ≥ 0). */
export const CONTINUE = -1;

export function newLayerCursor(): LayerCursor {
  return { offset: 0, protocol: 0, ipPayloadLength: 0 };
}
