/** The language of the explanations: from initializationOptions, `auto` following the client's locale, and changed by configuration. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node.js';
import { CorrelateCapturesRequest } from '../../src/shared/lspExtensions.js';
import { ServerClient, sampleUri } from './serverClient.js';

const client = sampleUri('story-client.pcap');
const server = sampleUri('story-server.pcap');
const isPaws = (d: { code?: string | number }) => d.code === 'paws-tw-recycle';

test('auto follows the client locale, and a configuration change republishes in the new language', { timeout: 30_000 }, async () => {
  const lsp = await ServerClient.start({ explanationLanguage: 'auto', locale: 'zh-CN' });
  try {
    const overview = await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client, serverUri: server });
    assert.match(overview.diagnoses.find(isPaws)!.title, /[\u4e00-\u9fff]/);
    await lsp.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { handshakeLens: { explanationLanguage: 'en' } } });
    const chinese = /[\u4e00-\u9fff]/;
    const republished = await lsp.diagnosticsFor(server, (p) => p.diagnostics.some((d) => isPaws(d) && !chinese.test(d.message)));
    assert.match(republished.diagnostics.find(isPaws)!.message, /tcp_tw_recycle rejected their TCP timestamps/);
  } finally {
    await lsp.stop();
  }
});
