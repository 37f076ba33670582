/**
 * Runs a named scenario of the simulator and analyses its two captures, once per scenario per test file:
 * what the diagnosis tests assert against the scenario's ground truth.
 */
import { analyzeCaptureSync, type CaptureAnalysis } from '../../src/analyzer/analyze.js';
import { MemorySource } from '../../src/analyzer/capture/memorySource.js';
import type { DiagnosisCode, HandshakeAttempt } from '../../src/analyzer/model.js';
import { scenarioSpec } from '../../src/generator/scenario/catalogue.js';
import type { AttemptFate, AttemptTruth, ScenarioTruth } from '../../src/generator/scenario/groundTruth.js';
import { runScenario } from '../../src/generator/scenario/simulation.js';

export interface AnalysedScenario {
  truth: ScenarioTruth;
  client: CaptureAnalysis;
  server: CaptureAnalysis;
}

/** Fresh analyses every call, so that no test can depend on what another did with its captures. */
export function analyseScenario(name: string): AnalysedScenario {
  const { clientCapture, serverCapture, truth } = runScenario(scenarioSpec(name));
  return {
    truth,
    client: analyzeCaptureSync(new MemorySource(clientCapture), `${name}-client`),
    server: analyzeCaptureSync(new MemorySource(serverCapture), `${name}-server`),
  };
}

/** The cause the analyzer must give an attempt of each fate (null: it must not have failed). */
const EXPECTED_CAUSE: Record<AttemptFate, DiagnosisCode | null> = {
  'established': null,
  'paws-dropped': 'paws-tw-recycle',
  'dropped-at-server': 'dropped-at-server',
  'lost-before-server': 'lost-before-server',
  'reply-lost': 'reply-lost',
  'refused': 'refused',
  'reset-by-middlebox': 'reset-by-middlebox',
  'time-wait-collision': 'time-wait-collision',
};

/**
 * The cause the analyzer can give: a SYN lost on the path shows only as an absence from the server
 * capture, and a capture file says nothing of the moments before its first packet or after its last
 * (tcpdump may not have been running), so an attempt with every SYN outside that span is not covered.
 */
export function expectedCause(analysed: AnalysedScenario, fate: AttemptTruth): DiagnosisCode | null {
  const { start, end } = analysed.server.summary;
  const offset = analysed.truth.server.clockOffsetSeconds;
  const inSpan = (t: number) => start !== null && end !== null && t + offset >= start && t + offset <= end;
  if (fate.fate === 'lost-before-server' && !fate.syns.some((syn) => inSpan(syn.time))) return 'not-covered';
  return EXPECTED_CAUSE[fate.fate];
}

/** ISN and server port identify an attempt on both sides of NAT, as in the truth file. */
export function truthOf(truth: ScenarioTruth, attempt: HandshakeAttempt): AttemptTruth | undefined {
  return truth.attempts.find((t) => t.isn === attempt.isn && Number(t.server.split(':').pop()) === attempt.server.port);
}
