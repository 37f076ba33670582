/**
 * The analysed captures by URI, and the views made of them (each capture alone, each correlated pair),
 * so that pages, details, hovers and text reports come from memory without re-reading a file. Views are
 * rebuilt from the stored analyses when the language of the explanations changes.
 */
import { CANCELLED_WARNING, nextTurn, openCaptureRead, type CaptureAnalysis, type CaptureRead } from '../analyzer/analyze.js';
import type { PartialAnalysis } from '../analyzer/partialAnalysis.js';
import type { ClockOffset } from '../analyzer/correlation/clockOffset.js';
import { correlateCaptures, correlationSteps, type CorrelationResult } from '../analyzer/correlation/correlateCaptures.js';
import type { AddressTranslation } from '../analyzer/correlation/natTranslation.js';
import { diagnoseSingle, singleDiagnosisSteps, undiagnosed, type DiagnosisResult } from '../analyzer/diagnosis/diagnoseSingle.js';
import { allSteps, stepsUnlessCancelled, type DiagnosisSteps } from '../analyzer/diagnosis/diagnosisSteps.js';
import { DIAGNOSIS_CANCELLED_WARNING, hasWarning } from '../analyzer/capture/warningCodes.js';
import type { Lang } from '../analyzer/explain/language.js';
import { DEFAULT_ROW_LIMIT } from '../analyzer/rowLimit.js';
import type { PawsCounts } from '../analyzer/diagnosis/pawsAssessment.js';
import type { DiagnosisJson } from '../analyzer/report.js';
import { weighEvidence } from '../analyzer/evidence/weighEvidence.js';
import { textsFor } from '../analyzer/explain/catalog.js';
import type { ReportDiagnosis } from '../analyzer/buildReport.js';
import { openCaptureUri, type OpenedCapture } from './captureSource.js';
import { FOLLOW_POLL_MS, type FollowedCapture, type FollowMode } from './followedCapture.js';
import { evidenceBeside } from './evidenceBeside.js';
import { CaptureView, indexByIdOf, type StoredCapture } from './captureView.js';
import type { AttemptRows } from './attemptRows.js';
import { PartialView } from './partialView.js';
import { inNumbering, renumbered } from './diagnosisNumbering.js';
import { buildPathView, pathCorrelationOf, type PathView } from './pathView.js';
import type { PathCorrelation } from '../analyzer/correlation/correlatePath.js';
import type { CapturePathRef } from '../shared/lspExtensions.js';

export interface ReadOptions {
  content?: string;
  onProgress?(bytesRead: number, total: number): void;
  isCancelled?(): boolean;
  /** Called with each new snapshot of the rows decided while the capture is read (then `rows` shows them). */
  onPartial?(view: PartialView): void;
  /** Read a local file still being written as it grows, until stopFollowing or forget (followedCapture.ts). */
  follow?: FollowMode;
  /** While followed: the view of the capture as if it ended now, with its causes, now and then (liveSnapshots.ts). */
  onLive?(view: CaptureView): void;
  /** The capture is followed now (its read waits at the end for more): a correlation need not wait for its end. */
  onFollowing?(): void;
}

export interface PairView {
  client: CaptureView;
  server: CaptureView;
  offset: ClockOffset | null;
  translations: AddressTranslation[];
  /** Client attempt id → server attempt id, for the matched attempts. */
  serverIdOf: Map<number, number>;
  diagnoses: DiagnosisJson[];
  /** The tcp_tw_recycle replay of the server capture, for counter hovers (PAWSPassive vs predicted drops). */
  paws: PawsCounts;
}

function wasCancelled(analysis: CaptureAnalysis): boolean {
  return hasWarning(analysis.warnings, CANCELLED_WARNING);
}

function diagnosisCancelled(view: CaptureView): boolean {
  return hasWarning(view.capture.analysis.warnings, DIAGNOSIS_CANCELLED_WARNING);
}

function pathKey(path: CapturePathRef): string {
  return JSON.stringify([path.uris, path.serverUri ?? null]);
}

/** The index among the path's captures of the one named the server's, or null to find it. */
function pathServerIndex(ref: CapturePathRef): number | null {
  const index = ref.serverUri === undefined ? -1 : ref.uris.indexOf(ref.serverUri);
  return index === -1 ? null : index;
}

function pairKey(clientUri: string, serverUri: string): string {
  return `${clientUri}\n${serverUri}`;
}

/** Local captures' paths (`file:` URIs give the path as the capture's name). */
function localPaths(captures: readonly StoredCapture[]): string[] {
  return captures.filter((capture) => capture.uri.startsWith('file:')).map((capture) => capture.name);
}

export class CaptureStore {
  private readonly captures = new Map<string, StoredCapture>();
  /** The latest snapshot of each capture being read, until its analysis is stored. */
  private readonly partials = new Map<string, PartialView>();
  /** The captures read as they are written, until they are stopped. */
  private readonly follows = new Map<string, FollowedCapture>();
  /**
   * The runs under way of followed captures, and the latest analysis of each as it stands (a snapshot,
   * taken when a correlation asks or a live one came): what a pair with a followed capture is built on.
   */
  private readonly followedReads = new Map<string, CaptureRead>();
  private readonly standing = new Map<string, StoredCapture>();
  /** Followed captures whose follow a correlation started, by the capture they were correlated with: it ends with that one's. */
  private readonly followedFor = new Map<string, string>();
  /** Called when a followed capture of a correlated pair has a new snapshot: the pair's view was built anew. */
  onLivePair: ((pair: PairView, clientUri: string, serverUri: string) => void) | undefined;
  /** The reads of followed captures the user paused, with their open files, until Resume or forget. */
  private readonly pausedReads = new Map<string, { read: CaptureRead; opened: OpenedCapture }>();
  private readonly singles = new Map<string, CaptureView>();
  /** The diagnoses under way a pass at a time (`diagnosed`, `paired`), by capture or pair, with the captures each reads. */
  private readonly diagnosing = new Map<string, { uris: readonly string[]; done: Promise<unknown> }>();
  private readonly pairs = new Map<string, PairView>();
  /** The pairs the user correlated, kept across language changes (which drop the built views). */
  private readonly pairings = new Map<string, { clientUri: string; serverUri: string }>();
  private readonly paths = new Map<string, PathView>();
  /** The paths the user correlated, kept across language changes as the pairings are. */
  private readonly pathRefs = new Map<string, CapturePathRef>();

  /** Attempts listed per capture (`handshakeLens.maxRows`); a new limit applies to the captures read after it. */
  rowLimit = DEFAULT_ROW_LIMIT;

  constructor(private lang: Lang) {}

  get language(): Lang {
    return this.lang;
  }

  /** Changes the language of the explanations; views are rebuilt on their next use. */
  setLanguage(lang: Lang): boolean {
    if (lang === this.lang) return false;
    this.lang = lang;
    this.singles.clear();
    this.pairs.clear();
    this.paths.clear();
    return true;
  }

  has(uri: string): boolean {
    return this.captures.has(uri);
  }

  /**
   * The stored analysis, or a new one (a CaptureError is thrown as it is). An analysis the user cancelled
   * is kept, so that its rows can be shown, but read again when asked for next time.
   */
  async read(uri: string, options: ReadOptions = {}): Promise<StoredCapture> {
    const stored = this.captures.get(uri);
    // A capture followed again reads what was written since, which its stored analysis lacks.
    if (stored && !wasCancelled(stored.analysis) && options.follow !== 'always') {
      options.onProgress?.(1, 1);
      return stored;
    }
    // Resume goes on with the read its Pause kept; anything else reads the capture anew.
    const paused = options.follow === 'always' ? this.pausedReads.get(uri) : undefined;
    this.pausedReads.delete(uri);
    if (stored) this.forget(uri);
    this.stopFollowing(uri);
    const opened = paused?.opened ?? openCaptureUri(uri, options.content, options.follow);
    if (opened.follow) this.follows.set(uri, opened.follow);
    const { onPartial } = options;
    const partial = onPartial === undefined ? undefined : {
      publish: (snapshot: PartialAnalysis) => {
        const view = new PartialView(snapshot);
        this.partials.set(uri, view);
        onPartial(view);
      },
      end: () => void this.partials.delete(uri),
    };
    const { onLive } = options;
    // A view of its own, kept by nobody here: the stored view comes with the final analysis.
    const live = opened.follow === undefined ? undefined : {
      publish: (analysis: CaptureAnalysis) => {
        const capture = { uri, name: opened.name, analysis };
        onLive?.(this.singleView(capture, diagnoseSingle(analysis, 'single', this.lang)));
        this.standingChanged(uri, capture);
      },
    };
    let keptPaused = false;
    try {
      const runOptions = { onProgress: options.onProgress, isCancelled: options.isCancelled, rowLimit: this.rowLimit, partial, follow: opened.follow, live };
      if (paused) opened.follow?.resume();
      const read = paused?.read ?? await openCaptureRead(opened.source, opened.name, runOptions);
      if (opened.follow) this.followedReads.set(uri, read);
      const run = read.run(runOptions);
      if (options.onFollowing && opened.follow) void this.whenFollowed(opened.follow, run).then((followed) => followed && options.onFollowing!());
      const analysis = await run;
      const capture = { uri, name: opened.name, analysis };
      // Forgotten (its editor closed) or read anew while it was followed: this read's result is nobody's.
      const superseded = opened.follow !== undefined && this.follows.get(uri) !== opened.follow;
      if (!superseded) {
        this.captures.set(uri, capture);
        // The pairs built on what it held while followed are built again on this analysis.
        if (this.standing.delete(uri)) this.dropPairsOf(uri);
      }
      if (!superseded && read.paused) {
        this.pausedReads.set(uri, { read, opened });
        keptPaused = true;
      }
      return capture;
    } finally {
      this.partials.delete(uri);
      if (this.follows.get(uri) === opened.follow) {
        this.follows.delete(uri);
        this.followedReads.delete(uri);
        this.standing.delete(uri);
      }
      for (const [partner, of] of this.followedFor) {
        if (of !== uri) continue;
        this.followedFor.delete(partner);
        this.stopFollowing(partner);
      }
      if (!keptPaused) opened.close();
    }
  }

  /** Resolves true once the follow follows (its read waits at the end for more), false if the run ends first. */
  private async whenFollowed(follow: FollowedCapture, run: Promise<unknown>): Promise<boolean> {
    let ended = false;
    void run.then(() => (ended = true), () => (ended = true));
    while (!ended && !follow.following) await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
    return !ended;
  }

  /**
   * For a correlation with `partnerUri`, followed now: the capture read, followed if it is being written
   * (until `partnerUri`'s read ends), resolving once it was read to its end or is followed. A capture
   * followed already is left as it is: the pair is built on what it holds so far.
   */
  async readForPair(uri: string, partnerUri: string, options: ReadOptions): Promise<void> {
    if (this.isFollowed(uri)) return;
    await new Promise<void>((resolve, reject) => {
      const read = this.read(uri, { ...options, follow: 'ifGrowing', onFollowing: () => {
        this.followedFor.set(uri, partnerUri);
        resolve();
      } });
      read.then(() => resolve(), reject);
    });
  }

  /** Whether the capture is being followed now (a read under way waits at its end for more). */
  isFollowed(uri: string): boolean {
    return this.follows.get(uri)?.following === true;
  }

  /** The stored analysis, or for a capture followed now, the analysis of what it holds so far. */
  private current(uri: string): StoredCapture | undefined {
    const stored = this.captures.get(uri);
    if (stored) return stored;
    const read = this.followedReads.get(uri);
    if (read === undefined) return undefined;
    let standing = this.standing.get(uri);
    if (standing === undefined) {
      standing = { uri, name: read.name, analysis: read.snapshot() };
      this.standing.set(uri, standing);
    }
    return standing;
  }

  /** A followed capture has a new snapshot: the pairs it is in are correlated again on it. */
  private standingChanged(uri: string, capture: StoredCapture): void {
    const pairings = [...this.pairings.values()].filter(({ clientUri, serverUri }) => clientUri === uri || serverUri === uri);
    // Kept only for a pair: a capture followed alone holds no second copy of its records.
    if (pairings.length === 0) return;
    this.standing.set(uri, capture);
    this.dropPairsOf(uri);
    for (const { clientUri, serverUri } of pairings) {
      const pair = this.pair(clientUri, serverUri);
      if (pair) this.onLivePair?.(pair, clientUri, serverUri);
    }
  }

  /** Forgets the built views of the pairs `uri` is in, keeping the pairings. */
  private dropPairsOf(uri: string): void {
    for (const [key, { clientUri, serverUri }] of this.pairings) if (clientUri === uri || serverUri === uri) this.pairs.delete(key);
  }

  /** Ends the read of a capture being written at what it holds now: its analysis then finishes. */
  stopFollowing(uri: string): void {
    this.follows.get(uri)?.stop();
  }

  /**
   * Pause: the read of a capture being written answers with what it holds now and is kept, its place in
   * the file with it, for Resume (a read with follow 'always') to go on from.
   */
  pauseFollowing(uri: string): void {
    this.follows.get(uri)?.pause();
  }

  /** None while `diagnosed` diagnoses the capture: requests wait for that (`settled`) rather than diagnose it again. */
  single(uri: string): CaptureView | undefined {
    const cached = this.singles.get(uri);
    if (cached) return cached;
    const capture = this.captures.get(uri);
    if (!capture || this.diagnosing.has(uri)) return undefined;
    const view = this.singleView(capture, diagnoseSingle(capture.analysis, 'single', this.lang));
    this.singles.set(uri, view);
    return view;
  }

  /**
   * The capture's view as `single` gives it, diagnosed a pass at a time with the event loop turned
   * between passes (diagnosisSteps.ts), so that the server answers meanwhile and `cancelled` is heard.
   * Cancelled, the view lists the attempts without causes, its capture warning so (DIAGNOSIS_CANCELLED_WARNING),
   * until the next call diagnoses it again.
   */
  async diagnosed(uri: string, cancelled: () => boolean): Promise<CaptureView | undefined> {
    await this.settled(uri);
    const cached = this.singles.get(uri);
    if (cached && !diagnosisCancelled(cached)) return cached;
    const capture = this.captures.get(uri);
    if (!capture) return undefined;
    this.singles.delete(uri);
    const lang = this.lang;
    const result = await this.stepped(uri, [uri], singleDiagnosisSteps(capture.analysis, 'single', lang), cancelled);
    const view = result === null ? this.undiagnosedView(capture) : this.singleView(capture, result);
    // Forgotten, read anew or asked in another language meanwhile: the view is this call's only.
    if (this.captures.get(uri) === capture && this.lang === lang) this.singles.set(uri, view);
    return view;
  }

  /** Resolves once no diagnosis or correlation of the capture is under way (`diagnosed`, `paired`): then `single`, `pair` and `view` answer. */
  async settled(uri: string): Promise<void> {
    for (;;) {
      const under = [...this.diagnosing.values()].filter((work) => work.uris.includes(uri));
      if (under.length === 0) return;
      await Promise.all(under.map((work) => work.done.catch(() => undefined)));
    }
  }

  /** The capture diagnosed alone, weighed against the evidence beside it. */
  private singleView(capture: StoredCapture, result: DiagnosisResult): CaptureView {
    const weighed = this.withEvidence({ diagnoses: result.diagnoses, findings: result.findings }, capture, [capture]);
    return new CaptureView(capture, 'single', weighed.diagnoses, result.attemptExplanations, weighed.findings, result.vantage);
  }

  /** The capture's attempts without a diagnosis, and its warning that the user stopped it (nothing is weighed). */
  private undiagnosedView(capture: StoredCapture): CaptureView {
    const result = undiagnosed(capture.analysis, 'single');
    const warning = { code: DIAGNOSIS_CANCELLED_WARNING, message: 'diagnosis cancelled: the attempts are listed without their causes', offset: 0 };
    const analysis = { ...capture.analysis, warnings: [...capture.analysis.warnings, warning] };
    return new CaptureView({ ...capture, analysis }, 'single', result.diagnoses, result.attemptExplanations, result.findings, result.vantage);
  }

  /** None while `paired` correlates the two: requests wait for that (`settled`) rather than correlate them again. */
  pair(clientUri: string, serverUri: string): PairView | undefined {
    const key = pairKey(clientUri, serverUri);
    const cached = this.pairs.get(key);
    if (cached) return cached;
    const client = this.current(clientUri);
    const server = this.current(serverUri);
    if (!client || !server || this.diagnosing.has(key)) return undefined;
    return this.keptPair(clientUri, serverUri, this.pairView(client, server, correlateCaptures(client.analysis, server.analysis, this.lang)));
  }

  /**
   * The pair as `pair` gives it, correlated a pass at a time with the event loop turned between passes
   * (diagnosisSteps.ts), so that the server answers meanwhile: what the correlate request builds. None
   * when `cancelled` says so after a pass (nothing is kept: asked again, the pair is correlated anew).
   */
  async paired(clientUri: string, serverUri: string, cancelled: () => boolean = () => false): Promise<PairView | undefined> {
    await Promise.all([this.settled(clientUri), this.settled(serverUri)]);
    const key = pairKey(clientUri, serverUri);
    const cached = this.pairs.get(key);
    if (cached) return cached;
    const client = this.current(clientUri);
    const server = this.current(serverUri);
    if (!client || !server) return undefined;
    const lang = this.lang;
    const result = await this.stepped(key, [clientUri, serverUri], correlationSteps(client.analysis, server.analysis, lang), cancelled);
    if (result === null) return undefined;
    const pair = this.pairView(client, server, result);
    // Read anew, forgotten or asked in another language meanwhile: the pair is this call's only.
    const unchanged = this.current(clientUri) === client && this.current(serverUri) === server && this.lang === lang;
    return unchanged ? this.keptPair(clientUri, serverUri, pair) : pair;
  }

  private keptPair(clientUri: string, serverUri: string, pair: PairView): PairView {
    const key = pairKey(clientUri, serverUri);
    this.pairs.set(key, pair);
    this.pairings.set(key, { clientUri, serverUri });
    return pair;
  }

  private pairView(client: StoredCapture, server: StoredCapture, result: CorrelationResult): PairView {
    const toServer = (id: number) => result.serverIdOf.get(id);
    const serverExplanations = renumbered(result.attemptExplanations, toServer);
    const clientSide = this.withEvidence({ diagnoses: result.diagnoses, findings: result.findings }, client, [client, server]);
    const serverSide = this.withEvidence({ diagnoses: inNumbering(result.diagnoses, toServer), findings: result.serverFindings }, server, [client, server]);
    const pair: PairView = {
      client: new CaptureView(client, 'client', clientSide.diagnoses, result.attemptExplanations, clientSide.findings, 'client'),
      server: new CaptureView(server, 'server', serverSide.diagnoses, serverExplanations, serverSide.findings, 'server'),
      offset: result.offset,
      translations: result.translations.perAddress,
      serverIdOf: result.serverIdOf,
      diagnoses: clientSide.diagnoses,
      paws: result.paws.counts,
    };
    return pair;
  }

  /** The path view of captures already read; undefined when one is not in the store, or while `pathed` correlates them. */
  path(ref: CapturePathRef): PathView | undefined {
    const key = pathKey(ref);
    const cached = this.paths.get(key);
    if (cached) return cached;
    const stored = this.pathCaptures(ref);
    if (!stored || this.diagnosing.has(key)) return undefined;
    return this.keptPath(ref, this.pathView(stored, allSteps(pathCorrelationOf(stored, pathServerIndex(ref), this.lang))));
  }

  /**
   * The path view as `path` gives it, correlated a pass at a time with the event loop turned between
   * passes; none when `cancelled` says so after a pass (nothing is kept).
   */
  async pathed(ref: CapturePathRef, cancelled: () => boolean = () => false): Promise<PathView | undefined> {
    await Promise.all(ref.uris.map((uri) => this.settled(uri)));
    const key = pathKey(ref);
    const cached = this.paths.get(key);
    if (cached) return cached;
    const stored = this.pathCaptures(ref);
    if (!stored) return undefined;
    const lang = this.lang;
    const result = await this.stepped(key, ref.uris, pathCorrelationOf(stored, pathServerIndex(ref), lang), cancelled);
    if (result === null) return undefined;
    const view = this.pathView(stored, result);
    const unchanged = stored.every((capture, index) => this.captures.get(ref.uris[index]) === capture) && this.lang === lang;
    return unchanged ? this.keptPath(ref, view) : view;
  }

  private pathCaptures(ref: CapturePathRef): StoredCapture[] | undefined {
    const captures = ref.uris.map((uri) => this.captures.get(uri));
    return captures.some((capture) => capture === undefined) ? undefined : (captures as StoredCapture[]);
  }

  private pathView(stored: StoredCapture[], result: PathCorrelation): PathView {
    return buildPathView(stored, result, (diagnosis, numbering) => this.withEvidence(diagnosis, numbering, stored));
  }

  private keptPath(ref: CapturePathRef, view: PathView): PathView {
    const key = pathKey(ref);
    this.paths.set(key, view);
    this.pathRefs.set(key, { uris: [...ref.uris], serverUri: ref.serverUri });
    return view;
  }

  /**
   * Runs a diagnosis's or correlation's passes with the event loop turned between them, registered
   * under `key` (with the captures it reads, for `settled`) while it runs; null when cancelled.
   */
  private async stepped<R>(key: string, uris: readonly string[], steps: DiagnosisSteps<R>, cancelled: () => boolean): Promise<R | null> {
    const done = stepsUnlessCancelled(steps, nextTurn, cancelled);
    this.diagnosing.set(key, { uris, done });
    try {
      return await done;
    } finally {
      this.diagnosing.delete(key);
    }
  }

  /** Every correlated path, rebuilt if a language change dropped it. */
  allPaths(): PathView[] {
    return [...this.pathRefs.values()].flatMap((ref) => this.path(ref) ?? []);
  }

  /**
   * The diagnosis weighed against the evidence files in the captures' folders (evidenceBeside.ts), with
   * `numbering`'s attempts for the listener rows' server ports. Read when a view is built.
   */
  private withEvidence(diagnosis: ReportDiagnosis, numbering: StoredCapture, captures: readonly StoredCapture[]): ReportDiagnosis {
    const files = evidenceBeside(localPaths(captures));
    if (files.length === 0) return diagnosis;
    // By index where the ids are the row numbers: a map of every id was ten million entries for a flood.
    const attempts = numbering.analysis.handshakes;
    const indexById = indexByIdOf(attempts);
    const serverPortOf = (id: number): number | null => {
      const index = indexById === null ? id - 1 : indexById.get(id);
      return index === undefined || !Number.isInteger(index) || index < 0 || index >= attempts.length ? null : attempts[index].server.port;
    };
    return weighEvidence(diagnosis, { files, texts: textsFor(this.lang).evidence, serverPortOf });
  }

  /** The view a request names: the capture's own in a path, the pair's client side when a server capture is given. */
  view(uri: string, pairedServerUri?: string, path?: CapturePathRef): CaptureView | undefined {
    if (path !== undefined) {
      const index = path.uris.indexOf(uri);
      return index < 0 ? undefined : this.path(path)?.views[index];
    }
    return pairedServerUri === undefined ? this.single(uri) : this.pair(uri, pairedServerUri)?.client;
  }

  /**
   * The rows a table can page through: the view's, or for a lone capture still being read, the attempts
   * decided so far.
   */
  rows(uri: string, pairedServerUri?: string, path?: CapturePathRef): AttemptRows | undefined {
    const alone = pairedServerUri === undefined && path === undefined;
    return this.view(uri, pairedServerUri, path) ?? (alone ? this.partials.get(uri) : undefined);
  }

  /** The stored captures' URIs. */
  uris(): string[] {
    return [...this.captures.keys()];
  }

  /** Every correlated pair, rebuilt if a language change dropped it. */
  allPairs(): PairView[] {
    return [...this.pairings.values()].flatMap(({ clientUri, serverUri }) => this.pair(clientUri, serverUri) ?? []);
  }

  forget(uri: string): void {
    this.followedFor.delete(uri);
    this.stopFollowing(uri);
    this.pausedReads.get(uri)?.opened.close();
    this.pausedReads.delete(uri);
    this.follows.delete(uri);
    this.captures.delete(uri);
    this.singles.delete(uri);
    for (const [key, { clientUri, serverUri }] of this.pairings) {
      if (clientUri !== uri && serverUri !== uri) continue;
      this.pairings.delete(key);
      this.pairs.delete(key);
    }
    for (const [key, ref] of this.pathRefs) {
      if (!ref.uris.includes(uri)) continue;
      this.pathRefs.delete(key);
      this.paths.delete(key);
    }
  }
}
