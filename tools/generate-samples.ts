/**
 * Regenerates the committed sample captures in samples/ from the scenario simulator. Deterministic:
 * running it again gives the same bytes (test/unit/generator-samples.test.ts checks it).
 *
 *   node --import tsx tools/generate-samples.ts [output-dir]     (npm run samples)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleFiles } from './sampleFiles.js';

const outputDir = process.argv[2] ?? 'samples';
mkdirSync(outputDir, { recursive: true });
for (const [name, bytes] of sampleFiles()) {
  writeFileSync(join(outputDir, name), bytes);
  console.log(`${join(outputDir, name)}  ${bytes.length} bytes`);
}
