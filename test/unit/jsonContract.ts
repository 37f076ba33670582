/** The JSON contract as docs/json-output.md documents it, for the tests that hold the output to it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The field names of the table under a heading of docs/json-output.md: the documented contract. */
export function documentedFields(heading: string): string[] {
  const doc = readFileSync(join(__dirname, '../../docs/json-output.md'), 'utf8');
  const section = doc.split(/\n(?=#{2,3} )/).find((part) => part.startsWith(heading));
  assert.ok(section, `docs/json-output.md has no section ${heading}`);
  return [...section.matchAll(/^\| `(\w+)` \|/gm)].map((match) => match[1]).sort();
}

/** Diagnosis fields present only when evidence files were weighed (`--evidence`). */
export const EVIDENCE_ONLY_DIAGNOSIS_FIELDS = ['confidenceFromCaptures'];

/** Fields documented as present only along a path (several captures): absent from one capture's report or a pair's. */
const PATH_ONLY: Record<string, string[]> = { '## Capture': ['offsetMs', 'offsetSpreadMs'], '## Handshake': ['path'] };

/** The documented fields of a heading, without those present only along a path. */
export function withoutPathFields(heading: string): string[] {
  return documentedFields(heading).filter((field) => !(PATH_ONLY[heading] ?? []).includes(field));
}
