/**
 * Reads `conntrack -S`: one line per CPU, `cpu=0 found=0 invalid=3 insert=0 insert_failed=2 drop=1
 * early_drop=0 error=0 search_restart=0 …` (the fields differ between kernels and conntrack-tools
 * versions, so every `name=value` is kept). The kernel keeps these per CPU (`struct ip_conntrack_stat`,
 * NF_CT_STAT_INC); the host's count is their sum, and the per-CPU values are kept for the quote. A CPU
 * number seen again starts the next snapshot, as a file may hold the output taken before and after.
 */
import { rangeOn, splitLines, type TextRange } from './textLines.js';

export interface ConntrackCpuLine {
  cpu: number;
  /** Zero-based line in the file. */
  line: number;
  range: TextRange;
  fields: ReadonlyMap<string, number>;
}

export interface ConntrackSnapshot {
  cpus: readonly ConntrackCpuLine[];
  /** Each field summed over the CPUs that show it. */
  totals: ReadonlyMap<string, number>;
}

const CPU_LINE = /^\s*cpu=(\d{1,6})\s/;
const FIELD = /([a-z_]{1,32})=(\d{1,15})(?=\s|$)/g;

export function readConntrackStats(text: string): ConntrackSnapshot[] {
  const snapshots: ConntrackSnapshot[] = [];
  let current: ConntrackCpuLine[] = [];
  splitLines(text).forEach((source, line) => {
    const cpu = CPU_LINE.exec(source);
    if (!cpu) return;
    const fields = new Map<string, number>();
    for (const match of source.matchAll(FIELD)) if (match[1] !== 'cpu') fields.set(match[1], Number(match[2]));
    const number = Number(cpu[1]);
    if (current.some((seen) => seen.cpu === number)) {
      snapshots.push(snapshotOf(current));
      current = [];
    }
    current.push({ cpu: number, line, range: rangeOn(line, 0, source.trimEnd().length), fields });
  });
  if (current.length > 0) snapshots.push(snapshotOf(current));
  return snapshots;
}

function snapshotOf(cpus: ConntrackCpuLine[]): ConntrackSnapshot {
  const totals = new Map<string, number>();
  for (const { fields } of cpus) for (const [name, value] of fields) totals.set(name, (totals.get(name) ?? 0) + value);
  return { cpus, totals };
}
