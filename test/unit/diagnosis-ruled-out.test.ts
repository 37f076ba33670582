import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correlateCaptures } from '../../src/analyzer/correlation/correlateCaptures.js';
import { diagnoseSingle } from '../../src/analyzer/diagnosis/diagnoseSingle.js';
import { ruledOutEn } from '../../src/analyzer/explain/ruledOutEn.js';
import { ruledOutZhCn } from '../../src/analyzer/explain/ruledOutZhCn.js';
import { SCENARIOS } from '../../src/generator/scenario/catalogue.js';
import { analyseScenario } from './scenarioAnalysis.js';

test('every diagnosis, correlated or from one capture, says what would rule it out, in the language asked for', () => {
  const seen = new Set<string>();
  for (const name of Object.keys(SCENARIOS)) {
    const { client, server } = analyseScenario(name);
    for (const lang of ['en', 'zh-cn'] as const) {
      const table = lang === 'en' ? ruledOutEn : ruledOutZhCn;
      const all = [...correlateCaptures(client, server, lang).diagnoses, ...diagnoseSingle(client, 'client', lang).diagnoses, ...diagnoseSingle(server, 'server', lang).diagnoses];
      for (const diagnosis of all) {
        assert.equal(diagnosis.ruledOutBy, table[diagnosis.code], `${name} ${lang} ${diagnosis.code}`);
        seen.add(diagnosis.code);
      }
    }
  }
  assert.ok(seen.size >= 8, [...seen].join(' '));
});

test('the Chinese sentences are Chinese and differ from the English ones', () => {
  for (const [code, english] of Object.entries(ruledOutEn)) {
    const chinese = ruledOutZhCn[code as keyof typeof ruledOutZhCn];
    assert.notEqual(chinese, english, code);
    assert.match(chinese, /[\u4e00-\u9fff]/, code);
  }
});
