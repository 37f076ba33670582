/**
 * Writes every named scenario (or the ones named) as a client-side capture, a server-side capture and
 * the ground truth, for trying the analyzer by hand or feeding other tools:
 *
 *   node --import tsx tools/generate-scenarios.ts <output-dir> [scenario ...]
 *
 * gives <output-dir>/<scenario>-client.<pcap|pcapng>, <scenario>-server.<…> and <scenario>-truth.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS, scenarioSpec } from '../src/generator/scenario/catalogue.js';
import { runScenario } from '../src/generator/scenario/simulation.js';
import { truthJson } from './sampleFiles.js';

const [outputDir, ...names] = process.argv.slice(2);
if (!outputDir) {
  console.error(`usage: generate-scenarios <output-dir> [scenario ...]\nscenarios: ${Object.keys(SCENARIOS).join(', ')}`);
  process.exit(2);
}
mkdirSync(outputDir, { recursive: true });
for (const name of names.length > 0 ? names : Object.keys(SCENARIOS)) {
  const spec = scenarioSpec(name);
  const { clientCapture, serverCapture, truth } = runScenario(spec);
  const files: [string, Uint8Array][] = [
    [`${name}-client.${spec.captures.client.format}`, clientCapture],
    [`${name}-server.${spec.captures.server.format}`, serverCapture],
    [`${name}-truth.json`, truthJson(truth)],
  ];
  for (const [file, bytes] of files) writeFileSync(join(outputDir, file), bytes);
  const failed = Object.entries(truth.fates).filter(([fate, n]) => fate !== 'established' && n > 0).map(([fate, n]) => `${n} ${fate}`);
  console.log(`${name}: ${truth.attempts.length} attempts, ${truth.fates.established} established${failed.length ? `, ${failed.join(', ')}` : ''}`);
}
