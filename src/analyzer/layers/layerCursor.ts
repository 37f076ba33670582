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
}

/** A layer decoder's answer when the frame goes on to the next layer (DecodeStatus values are all ≥ 0). */
export const CONTINUE = -1;

export function newLayerCursor(): LayerCursor {
  return { offset: 0, end: 0, protocol: 0, ipPayloadLength: 0 };
}

/** Points the cursor at a frame of `length` captured bytes starting at `start`, before its link layer. */
export function startFrame(cursor: LayerCursor, start: number, length: number): void {
  cursor.offset = start;
  cursor.end = start + length;
}
