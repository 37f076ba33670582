/**
 * A real LSP client connection to the real language server, the vscode-languageserver way: the server
 * entry runs in a child process (through tsx, so no build is needed) and speaks over Node IPC; the test
 * process holds the client end. Notifications are recorded so tests can wait for the one they expect.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  InitializeRequest, InitializedNotification, PublishDiagnosticsNotification, createProtocolConnection,
  type InitializeResult, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node.js';
import { IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node.js';
import type { ServerInitializationOptions } from '../../src/shared/lspExtensions.js';

const ROOT = join(__dirname, '..', '..');
const ENTRY = join(ROOT, 'src', 'server', 'server.ts');

export function sampleUri(name: string): string {
  return pathToFileURL(join(ROOT, 'samples', name)).toString();
}

export class ServerClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Array<{ test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];

  private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params);
      for (const waiter of this.waiters.splice(0)) {
        if (waiter.test(params)) waiter.resolve(params);
        else this.waiters.push(waiter);
      }
    });
  }

  static async start(options: ServerInitializationOptions = { explanationLanguage: 'en' }): Promise<ServerClient> {
    const child = fork(ENTRY, ['--node-ipc'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const client = new ServerClient(child, connection);
    const result: InitializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: options,
    });
    if (!result.capabilities) throw new Error('the server answered initialize without capabilities');
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves with the next (or an already received) diagnostics for `uri` that satisfy `test`. */
  diagnosticsFor(uri: string, test: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const known = this.diagnostics.get(uri);
    if (known && test(known)) return Promise.resolve(known);
    return new Promise((resolve) => this.waiters.push({ test: (p) => p.uri === uri && test(p), resolve }));
  }

  async stop(): Promise<void> {
    this.connection.dispose();
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill();
    await exited;
  }
}

/** A server for the tests of one file, with a temporary folder for the captures they write; both go after the tests. */
export interface ServerWithFolder {
  lsp: ServerClient;
  directory: string;
}

export function serverForTests(): ServerWithFolder {
  const shared = {} as ServerWithFolder;
  before(async () => {
    shared.directory = mkdtempSync(join(tmpdir(), 'handshake-lens-'));
    shared.lsp = await ServerClient.start();
  });
  after(async () => {
    await shared.lsp.stop();
    rmSync(shared.directory, { recursive: true, force: true });
  });
  return shared;
}
