/**
 * Bundles the measuring child with esbuild, as the CLI is bundled, so the benchmark times the
 * JavaScript users run rather than code compiled on the fly by tsx.
 */
import { buildSync } from 'esbuild';
import { join } from 'node:path';
import { BENCH_DATA_DIR } from './captureParameters.js';

export function bundleMeasure(): string {
  const outfile = join(BENCH_DATA_DIR, 'measure.cjs');
  buildSync({
    entryPoints: ['tools/bench/measure.ts'], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['pcap-parser'], logLevel: 'warning',
  });
  return outfile;
}
