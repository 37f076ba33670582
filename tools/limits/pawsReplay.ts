/**
 * Times the PAWS replay and its assessment on a SYN-only capture of N attempts (one SYN each, from
 * distinct clients, no TIME-WAIT anywhere: the SYNs the rule has nothing to say about), and the memory
 * each leaves held:
 *
 *   node --expose-gc --max-old-space-size=8000 --import tsx tools/limits/pawsReplay.ts [attempts=1000000]
 *
 * docs/limits.md quotes it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCaptureSync } from '../../src/analyzer/analyze.js';
import { captureSide } from '../../src/analyzer/diagnosis/captureSide.js';
import { assessPaws } from '../../src/analyzer/diagnosis/pawsAssessment.js';
import { replayPaws } from '../../src/analyzer/diagnosis/pawsReplay.js';
import { FileSource } from '../../src/node/fileSource.js';
import { held, timed } from './heldMemory.js';
import { writeSynOnlyCapture } from './synOnlyCapture.js';

const attempts = Number(process.argv[2] ?? 1_000_000);
// At once, rather than after writing the capture, when node runs without --expose-gc.
held();

const directory = mkdtempSync(join(tmpdir(), 'handshake-lens-paws-'));
try {
  const path = join(directory, 'syn-only.pcap');
  writeSynOnlyCapture(path, attempts);
  const source = new FileSource(path);
  const capture = captureSide(analyzeCaptureSync(source, path));
  source.close();
  const replay = timed('replayPaws', () => replayPaws(capture.handshakes, capture.summary.start));
  const assessment = timed('assessPaws', () => assessPaws(replay, 'server'));
  console.log(`${capture.handshakes.length} attempts: ${replay.predictions.length} predictions kept, ${assessment.byAttempt.size} attempts in byAttempt, ` +
    `${assessment.counts.checkedSyns} SYNs checked, ${assessment.counts.unansweredSyns} unanswered, ${assessment.consistency}/${assessment.cannotJudge}`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
