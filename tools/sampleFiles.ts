/**
 * Which sample file comes from which scenario: shared by tools/generate-samples.ts and the test that
 * checks the committed samples are exactly what the generator makes.
 */
import { scenarioSpec } from '../src/generator/scenario/catalogue.js';
import { runScenario } from '../src/generator/scenario/simulation.js';

const encoder = new TextEncoder();

export function truthJson(truth: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(truth, null, 2)}\n`);
}

/** File name → bytes, in a fixed order. */
export function sampleFiles(): [string, Uint8Array][] {
  const healthy = runScenario(scenarioSpec('healthy'));
  const refused = runScenario(scenarioSpec('refused-and-unanswered'));
  const story = runScenario(scenarioSpec('story'));
  return [
    ['healthy.pcap', healthy.clientCapture],
    ['refused-and-unanswered.pcap', refused.clientCapture],
    ['story-client.pcap', story.clientCapture],
    ['story-server.pcap', story.serverCapture],
    ['story-truth.json', truthJson(story.truth)],
  ];
}
