/**
 * The reading order of a capture set: by each file's first packet, since a ring (`tcpdump -C 100 -W 10`)
 * wraps and its oldest file may be `cap.pcap7`; names order only files whose first packets tie (or that
 * have none).
 */
import { CaptureError } from '../errors.js';
import type { CaptureSetMember } from './captureSet.js';
import { openCapture } from './sniff.js';

/**
 * The number tcpdump puts at the end of a rotated file's name (`cap.pcap3`, `cap.pcap03` with `-W`,
 * `cap.pcap3.gz` after `-z gzip`); null for a name without one.
 */
export function ringNumber(name: string): number | null {
  const match = /(\d+)(?:\.(?:gz|zst|lz4))?$/i.exec(name);
  return match === null ? null : Number(match[1]);
}

/** Epoch seconds of a file's first record, reading nothing past it; null when it has none or cannot be read. */
export function firstPacketTime(member: CaptureSetMember): number | null {
  const opened = member.open();
  try {
    const record = openCapture(opened.source, member.name).next();
    return record === null ? null : record.timeSec + record.timeNs * 1e-9;
  } catch (error) {
    // The set reader reports it, at its place in the set.
    if (error instanceof CaptureError) return null;
    throw error;
  } finally {
    opened.close();
  }
}

/** The members in time order; those without a first packet go last, each tie broken by ring number, then name. */
export function orderCaptureSet<T extends CaptureSetMember>(members: readonly T[]): T[] {
  const keyed = members.map((member) => ({ member, time: firstPacketTime(member) ?? Infinity, ring: ringNumber(member.name) ?? -1 }));
  keyed.sort((x, y) => (x.time === y.time ? 0 : x.time < y.time ? -1 : 1) || x.ring - y.ring || compareNames(x.member.name, y.member.name));
  return keyed.map(({ member }) => member);
}

function compareNames(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
