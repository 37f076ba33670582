/**
 * The Handshake Lens language server: capture analysis off the extension host, diagnostics on captures,
 * text reports and the text artifacts of an investigation. Started by the extension with
 * vscode-languageclient over IPC (`--node-ipc`), or by any editor over `--stdio`.
 */
import { DidChangeConfigurationNotification, ProposedFeatures, TextDocumentSyncKind, createConnection } from 'vscode-languageserver/node.js';
import type { ExplanationLanguageSetting, ServerInitializationOptions } from '../shared/lspExtensions.js';
import { registerCaptureRequests } from './captureRequests.js';
import { CaptureFingerprints } from './captureFingerprints.js';
import { registerPathRequests } from './pathRequests.js';
import { CaptureStore } from './captureStore.js';
import { DiagnosticsPublisher } from './diagnosticsPublisher.js';
import { DocumentFeatures } from './documentFeatures.js';
import { registerExportRequests } from './exportRequests.js';
import { explanationLanguage } from './explanationLanguage.js';
import { HandshakeQuery } from './handshakeQuery.js';
import { rowLimitSetting } from '../analyzer/rowLimit.js';

/** The settings of the `handshakeLens` section the server applies. */
interface HandshakeLensSettings {
  explanationLanguage?: ExplanationLanguageSetting;
  maxRows?: unknown;
}

const connection = createConnection(ProposedFeatures.all);
const store = new CaptureStore('en');
const publisher = new DiagnosticsPublisher(connection, store);
const documents = new DocumentFeatures(connection, store);
/** One cache of the table's orders, so that an export of a selection resolves it on the order its pages came from. */
const query = new HandshakeQuery();
let clientLocale: string | undefined;
/** The setting as initializationOptions gave it: what applies while the workspace configuration says nothing. */
let initialSetting: ExplanationLanguageSetting | undefined;
let pullConfiguration = false;

connection.onInitialize((params) => {
  const options = (params.initializationOptions ?? {}) as ServerInitializationOptions;
  clientLocale = options.locale ?? params.locale;
  initialSetting = options.explanationLanguage;
  store.setLanguage(explanationLanguage(initialSetting, clientLocale));
  store.rowLimit = rowLimitSetting(options.maxRows);
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      documentSymbolProvider: true,
      codeActionProvider: true,
    },
    serverInfo: { name: 'Handshake Lens' },
  };
});

function applyLanguage(setting: ExplanationLanguageSetting | undefined): void {
  if (!store.setLanguage(explanationLanguage(setting, clientLocale))) return;
  publisher.republishAll();
  documents.revalidateAll();
}

async function pullLanguage(): Promise<void> {
  const section = (await connection.workspace.getConfiguration('handshakeLens')) as HandshakeLensSettings | null;
  if (section?.maxRows !== undefined) store.rowLimit = rowLimitSetting(section.maxRows);
  applyLanguage(section?.explanationLanguage ?? initialSetting);
}

connection.onInitialized(() => {
  if (!pullConfiguration) return;
  void connection.client.register(DidChangeConfigurationNotification.type, { section: 'handshakeLens' });
  void pullLanguage();
});

connection.onDidChangeConfiguration((change) => {
  if (pullConfiguration) {
    void pullLanguage();
    return;
  }
  const settings = (change.settings as { handshakeLens?: HandshakeLensSettings } | null)?.handshakeLens;
  if (settings?.maxRows !== undefined) store.rowLimit = rowLimitSetting(settings.maxRows);
  if (settings) applyLanguage(settings.explanationLanguage);
});

registerCaptureRequests(connection, store, query, publisher, () => documents.revalidateAll());
registerPathRequests(connection, store, publisher, new CaptureFingerprints(store), () => documents.revalidateAll());
registerExportRequests(connection, store, query);
documents.listen();
connection.listen();
