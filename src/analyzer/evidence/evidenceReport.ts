/** The `evidenceFiles[]` of the JSON report: each file given, read or not, in the order given. */
import type { EvidenceTexts } from '../explain/evidenceTexts.js';
import type { EvidenceFileJson } from '../report.js';
import { counterObservations } from './counterObservations.js';
import { isRejection, type EvidenceFile, type EvidenceRejection } from './evidenceFile.js';

export function evidenceFilesJson(reads: readonly (EvidenceFile | EvidenceRejection)[], texts: EvidenceTexts): EvidenceFileJson[] {
  const files = reads.filter((read): read is EvidenceFile => !isRejection(read));
  const wentDown = counterObservations(files).filter((o) => o.wentDown);
  return reads.map((read) => {
    if (isRejection(read)) {
      return {
        path: read.path, kind: null, host: null, hostFrom: null, moment: null, snapshots: 0,
        problem: { reason: read.reason, line: read.line, text: read.text, message: texts.rejected(read) }, wentDown: [],
      };
    }
    return {
      path: read.path, kind: read.kind, host: read.host, hostFrom: read.hostFrom, moment: read.moment,
      snapshots: read.counters.length + read.conntrack.length + read.sysctl.length + read.sockets.length,
      problem: null,
      wentDown: wentDown.filter((o) => o.file === read.path && o.host === read.host)
        .map((o) => ({ name: o.name, before: o.before!, after: o.after!, fromFile: o.fromFile!, file: o.file })),
    };
  });
}
