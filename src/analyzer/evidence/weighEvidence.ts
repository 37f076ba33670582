/**
 * Weighs the evidence files against the diagnoses of the captures: each cause's rows of the table
 * (causeEvidence.ts) are checked on the host each row names, and what applies is quoted in the diagnosis,
 * with the value and the file. Confirmed without contradiction, a cause rises one step of confidence;
 * contradicted without confirmation, it falls one; the findings of its attempts move with it. The
 * diagnoses and findings given are not changed: new ones are returned.
 */
import type { ReportDiagnosis } from '../buildReport.js';
import type { AttemptFinding } from '../diagnosis/attemptFindings.js';
import type { EvidenceTexts } from '../explain/evidenceTexts.js';
import type { Confidence } from '../model.js';
import type { CounterEvidenceJson, DiagnosisJson, EvidenceJson } from '../report.js';
import { CAUSE_EVIDENCE, type CounterRule, type EvidenceVerdict, type ListenerRule, type SettingRule } from './causeEvidence.js';
import { counterObservations, inMomentOrder, type CounterName, type CounterObservation } from './counterObservations.js';
import type { EvidenceFile, EvidenceHost } from './evidenceFile.js';
import { numericValue } from './sysctlFile.js';

const STEPS: readonly Confidence[] = ['low', 'medium', 'high'];

interface Quoted {
  verdict: EvidenceVerdict;
  evidence: EvidenceJson;
}

type HostCounters = ReadonlyMap<CounterName, CounterObservation>;

export interface EvidenceContext {
  files: readonly EvidenceFile[];
  texts: EvidenceTexts;
  /** The server port of a first-capture attempt, for the listener rows. */
  serverPortOf: (handshakeId: number) => number | null;
}

export function weighEvidence(diagnosis: ReportDiagnosis, context: EvidenceContext): ReportDiagnosis {
  const byHost = new Map<EvidenceHost, Map<CounterName, CounterObservation>>();
  for (const observation of counterObservations(context.files)) {
    const host = byHost.get(observation.host) ?? new Map();
    host.set(observation.name, observation);
    byHost.set(observation.host, host);
  }
  const findings = new Map(diagnosis.findings);
  const diagnoses = diagnosis.diagnoses.map((d) => {
    const weighed = weighOne(d, byHost, context);
    if (weighed.confidence !== d.confidence) {
      const step = STEPS.indexOf(weighed.confidence) - STEPS.indexOf(d.confidence);
      for (const id of d.handshakeIds) {
        const finding = findings.get(id);
        if (finding && finding.cause === d.code && finding.confidence !== null) findings.set(id, shifted(finding, step));
      }
    }
    return weighed;
  });
  return { ...diagnosis, diagnoses, findings };
}

function shifted(finding: AttemptFinding, step: number): AttemptFinding {
  const index = Math.min(STEPS.length - 1, Math.max(0, STEPS.indexOf(finding.confidence!) + step));
  return { ...finding, confidence: STEPS[index] };
}

function weighOne(d: DiagnosisJson, byHost: ReadonlyMap<EvidenceHost, HostCounters>, context: EvidenceContext): DiagnosisJson {
  const table = CAUSE_EVIDENCE[d.code];
  if (!table) return d;
  const quoted: Quoted[] = [
    ...wentDownLines(table.counters, byHost, context.texts),
    ...table.counters.flatMap((rule) => counterLine(rule, byHost.get(rule.host), context.texts) ?? []),
    ...(table.settings ?? []).flatMap((rule) => settingLine(rule, context) ?? []),
    ...(table.listeners ?? []).flatMap((rule) => listenerLine(rule, d, context) ?? []),
  ];
  if (quoted.length === 0) return d;
  const confirms = quoted.some((q) => q.verdict === 'confirms');
  const contradicts = quoted.some((q) => q.verdict === 'contradicts');
  const step = confirms && !contradicts ? 1 : contradicts && !confirms ? -1 : 0;
  const confidence = STEPS[Math.min(STEPS.length - 1, Math.max(0, STEPS.indexOf(d.confidence) + step))];
  const moved: EvidenceJson[] = confidence === d.confidence ? [] : [{
    text: context.texts.confidenceMoved(d.confidence, confidence), values: { confidenceFromCaptures: d.confidence, confidence }, handshakeIds: [],
  }];
  return { ...d, confidence, evidence: [...d.evidence, ...quoted.map((q) => q.evidence), ...moved], confidenceFromCaptures: d.confidence };
}

function known(counters: HostCounters | undefined, name: CounterName): CounterObservation | null {
  const observation = counters?.get(name);
  return observation && !observation.wentDown && observation.value !== null ? observation : null;
}

function counterLine(rule: CounterRule, counters: HostCounters | undefined, texts: EvidenceTexts): Quoted | null {
  const grew = (rule.grew ?? []).map((name) => known(counters, name));
  const any = (rule.anyGrew ?? []).map((name) => known(counters, name)).filter((o) => o !== null && o.value! > 0);
  const zero = (rule.zero ?? []).map((name) => known(counters, name));
  if (grew.some((o) => o === null || o.value! === 0)) return null;
  if (rule.anyGrew && any.length === 0) return null;
  if (zero.some((o) => o === null || o.value !== 0)) return null;
  const counted = [...grew, ...any] as CounterObservation[];
  const shown = (rule.shown ?? []).flatMap((name) => known(counters, name) ?? []);
  const zeros = zero as CounterObservation[];
  const used = [...counted, ...shown, ...zeros];
  if (used.length === 0) return null;
  const sinceBoot = counted.some((o) => o.span === 'since-boot');
  const verdict: EvidenceVerdict = rule.verdict === 'confirms' && sinceBoot ? 'informs' : rule.verdict;
  const first = used[0];
  const text = texts.counterLine({
    counted: [...counted, ...shown].map((o) => ({ name: o.name, value: o.value!, perCpu: o.perCpu })),
    zero: zeros.map((o) => ({ name: o.name, absent: o.absent })), span: first.span, file: first.file, fromFile: first.fromFile,
  }, rule.says) + (verdict !== rule.verdict ? texts.sinceBootOnly : '');
  const json = (o: CounterObservation, v: EvidenceVerdict): CounterEvidenceJson => ({
    name: o.name, value: o.value, file: o.file, fromFile: o.fromFile, delta: o.span !== 'since-boot', span: o.span, verdict: v,
    ...(o.perCpu ? { perCpu: o.perCpu.map(({ cpu, value }) => ({ cpu, value })) } : {}),
  });
  return {
    verdict,
    evidence: {
      text, values: { says: rule.says, verdict, host: rule.host }, handshakeIds: [],
      counters: [...counted.map((o) => json(o, verdict)), ...zeros.map((o) => json(o, verdict)), ...shown.map((o) => json(o, 'informs'))],
    },
  };
}

/** One line per counter a cause's rows name that went down on their host. */
function wentDownLines(rules: readonly CounterRule[], byHost: ReadonlyMap<EvidenceHost, HostCounters>, texts: EvidenceTexts): Quoted[] {
  const seen = new Set<string>();
  const lines: Quoted[] = [];
  for (const rule of rules) {
    for (const name of [...(rule.grew ?? []), ...(rule.anyGrew ?? []), ...(rule.zero ?? [])]) {
      const o = byHost.get(rule.host)?.get(name);
      if (!o || !o.wentDown || seen.has(`${rule.host}:${name}`)) continue;
      seen.add(`${rule.host}:${name}`);
      lines.push({
        verdict: 'informs',
        evidence: {
          text: texts.wentDown(name, o.before!, o.after!, o.fromFile!, o.file),
          values: { says: 'went-down', verdict: 'informs', host: rule.host, before: o.before, after: o.after }, handshakeIds: [],
          counters: [{ name, value: null, file: o.file, fromFile: o.fromFile, delta: false, span: 'interval', verdict: 'informs' }],
        },
      });
    }
  }
  return lines;
}

function filesOf(context: EvidenceContext, host: EvidenceHost, kind: EvidenceFile['kind']): EvidenceFile[] {
  return inMomentOrder(context.files.filter((file) => file.host === host && file.kind === kind));
}

/** kernel.osrelease `4.15.0-112-generic` → [4, 15]. */
function kernelVersion(release: string): [number, number] | null {
  const match = /^(\d{1,4})\.(\d{1,4})/.exec(release);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

function settingLine(rule: SettingRule, context: EvidenceContext): Quoted | null {
  // sysctl applies a file's lines in order, and a later snapshot describes the host later.
  for (const file of filesOf(context, rule.host, 'sysctl').reverse()) {
    const setting = file.sysctl.filter((a) => a.key === rule.key).at(-1);
    const release = file.sysctl.find((a) => a.key === 'kernel.osrelease')?.value ?? null;
    let applies: boolean;
    if (rule.value === null) {
      const version = release === null ? null : kernelVersion(release);
      const since = rule.sinceKernel ?? [0, 0];
      applies = setting === undefined && version !== null && (version[0] > since[0] || (version[0] === since[0] && version[1] >= since[1]));
    } else {
      applies = setting !== undefined && numericValue(setting.value) === numericValue(rule.value);
    }
    if (setting === undefined && release === null) continue;
    if (!applies) return null;
    const value = setting?.value ?? null;
    return {
      verdict: rule.verdict,
      evidence: {
        text: context.texts.settingLine({ key: rule.key, value, kernel: release, file: file.path }, rule.says),
        values: { says: rule.says, verdict: rule.verdict, host: rule.host }, handshakeIds: [],
        counters: [{ name: rule.key, value, file: file.path, fromFile: null, delta: false, span: 'setting', verdict: rule.verdict }],
      },
    };
  }
  return null;
}

function listenerLine(rule: ListenerRule, d: DiagnosisJson, context: EvidenceContext): Quoted | null {
  const file = filesOf(context, rule.host, 'listeners').at(-1);
  const ports = [...new Set(d.handshakeIds.map(context.serverPortOf).filter((p): p is number => p !== null))].sort((a, b) => a - b);
  if (!file || ports.length === 0) return null;
  const listening = file.sockets.filter((s) => s.state === 'LISTEN' && s.port !== null && ports.includes(s.port));
  const full = listening.find((s) => s.recvQ > s.sendQ);
  const socket = rule.when === 'queue-full' ? full : rule.when === 'queue-room' ? (full ? undefined : listening[0]) : undefined;
  if (rule.when === 'no-listener' ? listening.length > 0 : socket === undefined) return null;
  const quote = socket ? { address: socket.address, port: socket.port!, recvQ: socket.recvQ, sendQ: socket.sendQ, process: socket.process } : null;
  const counters: CounterEvidenceJson[] = socket
    ? [
      { name: 'Recv-Q', value: socket.recvQ, file: file.path, fromFile: null, delta: false, span: 'listener', verdict: rule.verdict },
      { name: 'Send-Q', value: socket.sendQ, file: file.path, fromFile: null, delta: false, span: 'listener', verdict: rule.verdict },
    ]
    : [{ name: 'LISTEN', value: 0, file: file.path, fromFile: null, delta: false, span: 'listener', verdict: rule.verdict }];
  return {
    verdict: rule.verdict,
    evidence: {
      text: context.texts.listenerLine({ ports, socket: quote, file: file.path }, rule.says),
      values: { says: rule.says, verdict: rule.verdict, host: rule.host, ports: ports.join(',') }, handshakeIds: [],
      counters,
    },
  };
}
