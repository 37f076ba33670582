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
export const EXPECTED_CAUSE: Record<AttemptFate, DiagnosisCode | null> = {
  'established': null,
  'paws-dropped': 'paws-tw-recycle',
  'dropped-at-server': 'dropped-at-server',
  'lost-before-server': 'lost-before-server',
  'reply-lost': 'reply-lost',
  'refused': 'refused',
  'time-wait-collision': 'time-wait-collision',
};

/** ISN and server port identify an attempt on both sides of NAT, as in the truth file. */
export function truthOf(truth: ScenarioTruth, attempt: HandshakeAttempt): AttemptTruth | undefined {
  return truth.attempts.find((t) => t.isn === attempt.isn && Number(t.server.split(':').pop()) === attempt.server.port);
}
