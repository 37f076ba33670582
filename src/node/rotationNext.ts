/**
 * The file a rotation writes after the one being followed: `tcpdump -C` names them `cap.pcap`,
 * `cap.pcap1`, `cap.pcap2`… (`-W` numbers from `cap.pcap0`, zero-padded, and wraps), `tcpdump -G` with
 * strftime names `cap-13.pcap`, `cap-14.pcap`… So the next file is one in the same folder named like
 * the current one with other numbers in it, whose first packet comes after the last one read.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { firstPacketTime } from '../analyzer/capture/setOrder.js';
import { setMember } from './captureSetFiles.js';

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Names a rotation of `name` can have: its digit runs changed, or digits added after it (`-C`'s second file). */
export function rotationPattern(name: string): RegExp {
  const runs = name.split(/\d+/).map(escaped).join('\\d+');
  const stem = escaped(name.replace(/\d+$/, ''));
  return new RegExp(`^(?:${runs}|${stem}\\d+)$`);
}

/** The rotated file after `current`: the earliest first packet later than `lastTime`; null while there is none. */
export function nextRotatedFile(current: string, lastTime: number): string | null {
  const folder = dirname(current);
  const pattern = rotationPattern(basename(current));
  let best: { path: string; time: number } | null = null;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return null;
  }
  for (const name of names) {
    const path = join(folder, name);
    if (!pattern.test(name) || path === current) continue;
    let time: number | null;
    try {
      time = firstPacketTime(setMember(path));
    } catch {
      // Gone between the listing and the look (a ring deleting its oldest file): not the next one.
      continue;
    }
    if (time !== null && time >= lastTime && (best === null || time < best.time)) best = { path, time };
  }
  return best?.path ?? null;
}
