import { test } from 'node:test';
import assert from 'node:assert/strict';
import { textsFor } from '../../src/analyzer/explain/catalog.js';
import { languageOf } from '../../src/analyzer/explain/language.js';
import type { PawsSynFacts } from '../../src/analyzer/explain/texts.js';

const FACTS: PawsSynFacts = {
  client: '10.244.1.7:51234', serverSees: '192.168.0.2:51234', time: 1_793_610_023.5,
  synTsval: 1_838_205, stampTsval: 1_842_325, behindTicks: 4120, behindMs: 4120, ageSeconds: 23,
  stampFrom: '192.168.0.2:40012', stampCloseTime: 1_793_610_000.5, nearBoundary: false,
};

test('the hover of a PAWS drop names the TSval, how far behind, the stamp, its age and its origin', () => {
  assert.equal(textsFor('en').pawsHover(FACTS), 'TSval 1838205 is 4,120 ms behind 1842325 recorded 23 s ago from 192.168.0.2:40012 (tcp_tw_recycle dropped the SYN)');
  assert.equal(textsFor('zh-cn').pawsHover(FACTS), 'TSval 1838205 比 23 秒前从 192.168.0.2:40012 记录的 1842325 落后 4,120 ms（SYN 被 tcp_tw_recycle 丢弃）');
});

test('clocks days apart are said in days, not in millions of milliseconds', () => {
  const far = { ...FACTS, behindTicks: 256_912_000, behindMs: 256_912_000 };
  assert.match(textsFor('en').pawsSyn(far), /256,912,000 ticks \(≈3\.0 days\) behind TSval 1842325, remembered 23 s earlier/);
  assert.match(textsFor('zh-cn').pawsSyn(far), /约 3\.0 天/);
});

test('a SYN without timestamps and a decision near the 60 s boundary are said so', () => {
  const bare = { ...FACTS, synTsval: null, behindTicks: null, behindMs: null, nearBoundary: true, ageSeconds: 59.6 };
  assert.match(textsFor('en').pawsSyn(bare), /carried no timestamp while TSval 1842325.*within a second of its 60 s limit/);
  assert.match(textsFor('zh-cn').pawsSyn(bare), /没有携带时间戳.*不到 1 秒/);
});

test('a locale picks the language', () => {
  assert.equal(languageOf('zh_CN.UTF-8'), 'zh-cn');
  assert.equal(languageOf('zh-Hans'), 'zh-cn');
  assert.equal(languageOf('en_US.UTF-8'), 'en');
  assert.equal(languageOf('C'), 'en');
  assert.equal(languageOf('de_DE.UTF-8'), null);
  assert.equal(languageOf(undefined), null);
});
