/**
 * When a capture ran and what it lost, from its interfaces' statistics (pcapng Interface Statistics
 * Blocks). A pcap file says neither: then only its first and last packets bound it, and nothing says
 * whether it dropped packets.
 */
import type { CaptureInfo, CaptureWarning } from './types.js';

export interface CaptureRecording {
  /** Earliest isb_starttime and latest isb_endtime over the interfaces, epoch seconds; null when none is written. */
  start: number | null;
  end: number | null;
  /** Packets dropped by the interfaces and the OS (isb_ifdrop + isb_osdrop); null when no interface says. */
  dropped: number | null;
  /** Byte offset of the last statistics block that counted drops (-1 when none did). */
  droppedAt: number;
}

export function captureRecording(info: Pick<CaptureInfo, 'interfaces'>): CaptureRecording | null {
  let start: number | null = null;
  let end: number | null = null;
  let dropped: number | null = null;
  let droppedAt = -1;
  for (const { statistics } of info.interfaces) {
    if (!statistics) continue;
    if (statistics.startTime !== null) start = start === null ? statistics.startTime : Math.min(start, statistics.startTime);
    if (statistics.endTime !== null) end = end === null ? statistics.endTime : Math.max(end, statistics.endTime);
    for (const count of [statistics.droppedByInterface, statistics.droppedByOs]) {
      if (count !== null) dropped = (dropped ?? 0) + count;
      if (count !== null && count > 0) droppedAt = Math.max(droppedAt, statistics.offset);
    }
  }
  return start === null && end === null && dropped === null ? null : { start, end, dropped, droppedAt };
}

/** The capture's own word that it lost packets: then a packet missing from it proves nothing. */
export function droppedPacketsWarning(recording: CaptureRecording | null): CaptureWarning | null {
  if (recording === null || recording.dropped === null || recording.dropped === 0) return null;
  return {
    code: 'capture-dropped-packets',
    message: `the capture says it dropped ${recording.dropped} packet${recording.dropped === 1 ? '' : 's'} itself (interface statistics isb_ifdrop + isb_osdrop): a packet missing from it may still have been on the wire`,
    offset: recording.droppedAt,
  };
}
