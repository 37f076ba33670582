/**
 * What each counter of a host did, from the evidence files taken on it: over the interval between two
 * snapshots (the first and the last reading of it, in the order the files' names say — `before`, `after`
 * — or else as given), or the one reading there is (`nstat` counts since its previous run, `netstat -s`
 * and /proc since boot). A counter that went down between two snapshots was reset (a reboot, a network
 * namespace made again) or the files are of two hosts: it is said so and not subtracted.
 * Files of one host are compared only with files of the same host and family (kernel counters: netstat -s
 * and nstat alike; conntrack -S): never mixed with another host's.
 */
import { COUNTERS, type CounterId } from './counterCatalog.js';
import type { CounterSnapshot } from './counterSnapshots.js';
import type { EvidenceFile, EvidenceHost } from './evidenceFile.js';

/** A kernel counter by its /proc field name, or a conntrack -S field as `conntrack.insert_failed`. */
export type CounterName = CounterId | `conntrack.${string}`;

export interface CpuCount {
  cpu: number;
  value: number;
}

export type ObservationSpan = 'interval' | 'nstat' | 'since-boot';

export interface CounterObservation {
  name: CounterName;
  host: EvidenceHost;
  /** The count over the span; null when it went down between snapshots. */
  value: number | null;
  span: ObservationSpan;
  /** The file of the (last) reading, and of the first one for an interval. */
  file: string;
  fromFile: string | null;
  /** For an interval, the readings it is the difference of (the pair that went down, if one did). */
  before: number | null;
  after: number | null;
  wentDown: boolean;
  /** conntrack -S: the count per CPU (in the file's order), when every snapshot shows the same CPUs. */
  perCpu: readonly CpuCount[] | null;
  /**
   * The kernel does not have this counter: a reading that lists every TcpExt counter, zeros included
   * (`nstat -az`, /proc/net/netstat), does not show it. PAWSPassive went with tcp_tw_recycle in Linux 4.12.
   * Its value is then 0: nothing can have counted it.
   */
  absent: boolean;
}

interface Reading {
  file: string;
  value: number;
  nstat: boolean;
  perCpu: ReadonlyMap<number, number> | null;
  absent?: boolean;
}

const TCP_EXT_IDS = (Object.keys(COUNTERS) as CounterId[]).filter((id) => COUNTERS[id].section === 'TcpExt');

/** A reading that lists TcpExt zeros lists every TcpExt counter the kernel has (nstat -z, /proc); netstat -s leaves zeros out. */
function listsEveryTcpExt(snapshot: CounterSnapshot): boolean {
  for (const reading of snapshot.values()) {
    if (reading.shape !== 'netstat' && reading.value === 0 && COUNTERS[reading.id].section === 'TcpExt') return true;
  }
  return false;
}

const MOMENT_ORDER = { before: 0, after: 2 } as const;

/** Files in the order of their moments: `before` first, `after` last, the rest as given between. */
export function inMomentOrder(files: readonly EvidenceFile[]): EvidenceFile[] {
  return files.map((file, index) => ({ file, index }))
    .sort((a, b) => (a.file.moment ? MOMENT_ORDER[a.file.moment] : 1) - (b.file.moment ? MOMENT_ORDER[b.file.moment] : 1) || a.index - b.index)
    .map(({ file }) => file);
}

export function counterObservations(files: readonly EvidenceFile[]): CounterObservation[] {
  const observations: CounterObservation[] = [];
  for (const host of new Set(files.map((file) => file.host))) {
    if (host === null) continue;
    const ordered = inMomentOrder(files.filter((file) => file.host === host));
    observations.push(...observe(host, kernelReadings(ordered)), ...observe(host, conntrackReadings(ordered)));
  }
  return observations;
}

function kernelReadings(files: readonly EvidenceFile[]): Map<CounterName, Reading[]> {
  const readings = new Map<CounterName, Reading[]>();
  for (const file of files) {
    for (const snapshot of file.counters) {
      for (const reading of snapshot.values()) {
        push(readings, reading.id, { file: file.path, value: reading.value, nstat: reading.shape === 'nstat', perCpu: null });
      }
      if (!listsEveryTcpExt(snapshot)) continue;
      const nstat = [...snapshot.values()][0].shape === 'nstat';
      for (const id of TCP_EXT_IDS) {
        if (!snapshot.has(id)) push(readings, id, { file: file.path, value: 0, nstat, perCpu: null, absent: true });
      }
    }
  }
  return readings;
}

function conntrackReadings(files: readonly EvidenceFile[]): Map<CounterName, Reading[]> {
  const readings = new Map<CounterName, Reading[]>();
  for (const file of files) {
    for (const snapshot of file.conntrack) {
      for (const [field, value] of snapshot.totals) {
        const perCpu = new Map(snapshot.cpus.filter((cpu) => cpu.fields.has(field)).map((cpu) => [cpu.cpu, cpu.fields.get(field)!] as const));
        // conntrack -S counts since the module was loaded, as netstat -s counts since boot.
        push(readings, `conntrack.${field}`, { file: file.path, value, nstat: false, perCpu });
      }
    }
  }
  return readings;
}

function push(map: Map<CounterName, Reading[]>, name: CounterName, reading: Reading): void {
  const list = map.get(name);
  if (list) list.push(reading);
  else map.set(name, [reading]);
}

function observe(host: EvidenceHost, readings: ReadonlyMap<CounterName, Reading[]>): CounterObservation[] {
  return [...readings].map(([name, all]) => {
    // A counter some snapshots show and others do not is judged on those that show it.
    const shown = all.filter((reading) => !reading.absent);
    const absent = shown.length === 0;
    const list = absent ? all : shown;
    const first = list[0];
    const last = list[list.length - 1];
    if (list.length === 1) {
      return {
        name, host, value: first.value, span: first.nstat ? 'nstat' : 'since-boot', file: first.file, fromFile: null,
        before: null, after: null, wentDown: false, perCpu: first.perCpu && [...first.perCpu].map(([cpu, value]) => ({ cpu, value })), absent,
      };
    }
    const down = list.findIndex((reading, index) => index > 0 && reading.value < list[index - 1].value);
    if (down > 0) {
      const [earlier, later] = [list[down - 1], list[down]];
      return {
        name, host, value: null, span: 'interval', file: later.file, fromFile: earlier.file,
        before: earlier.value, after: later.value, wentDown: true, perCpu: null, absent,
      };
    }
    return {
      name, host, value: last.value - first.value, span: 'interval', file: last.file, fromFile: first.file,
      before: first.value, after: last.value, wentDown: false, perCpu: perCpuDelta(first.perCpu, last.perCpu), absent,
    };
  });
}

function perCpuDelta(first: ReadonlyMap<number, number> | null, last: ReadonlyMap<number, number> | null): CpuCount[] | null {
  if (!first || !last || first.size !== last.size) return null;
  const deltas: CpuCount[] = [];
  for (const [cpu, value] of last) {
    const earlier = first.get(cpu);
    if (earlier === undefined || value < earlier) return null;
    deltas.push({ cpu, value: value - earlier });
  }
  return deltas;
}
