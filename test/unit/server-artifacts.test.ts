/** sysctl settings and netstat -s output as open documents over a real LSP connection. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CodeActionKind, CodeActionRequest, DiagnosticSeverity, DidOpenTextDocumentNotification, HoverRequest,
  type CodeAction, type MarkupContent,
} from 'vscode-languageserver-protocol/node.js';
import { ServerClient } from './serverClient.js';

const SYSCTL = ['# tuned for a busy MySQL server', 'net.ipv4.tcp_timestamps = 1', 'net.ipv4.tcp_tw_recycle = 1', 'net.core.somaxconn = 1024', ''].join('\n');
const NETSTAT = [
  'Ip:', '    1234567 total packets received', 'Tcp:', '    12345 passive connection openings', 'TcpExt:',
  '    173495 passive connections rejected because of time stamp', '    173495 SYNs to LISTEN sockets dropped', '',
].join('\n');

let lsp: ServerClient;

before(async () => {
  lsp = await ServerClient.start();
});
after(async () => {
  await lsp.stop();
});

async function open(uri: string, languageId: string, text: string): Promise<void> {
  await lsp.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
}

test('tcp_tw_recycle = 1 in sysctl.conf is an error whose quick fix sets it to 0', { timeout: 30_000 }, async () => {
  const uri = 'file:///etc/sysctl.conf';
  await open(uri, 'sysctl', SYSCTL);
  const { diagnostics } = await lsp.diagnosticsFor(uri);
  const enabled = diagnostics.find((d) => d.code === 'tw-recycle-enabled');
  assert.ok(enabled, `diagnostics: ${diagnostics.map((d) => d.code).join(', ')}`);
  assert.equal(enabled.severity, DiagnosticSeverity.Error);
  assert.equal(enabled.range.start.line, 2);
  assert.ok(diagnostics.some((d) => d.code === 'tw-recycle-removed'));

  const actions = (await lsp.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: enabled.range, context: { diagnostics: [enabled] },
  })) as CodeAction[];
  const fix = actions.find((a) => a.kind === CodeActionKind.QuickFix && a.edit?.changes?.[uri]);
  assert.ok(fix, 'a quick fix with an edit');
  const [edit] = fix.edit!.changes![uri];
  assert.equal(edit.range.start.line, 2);
  assert.match(edit.newText, /^0$|= 0/);
});

test('hovering a sysctl key explains it', { timeout: 30_000 }, async () => {
  const uri = 'file:///etc/sysctl.d/10-net.conf';
  await open(uri, 'sysctl', SYSCTL);
  const hover = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 3, character: 12 } });
  assert.ok(hover);
  assert.match((hover.contents as MarkupContent).value, /somaxconn/);
});

test('netstat -s output: the PAWS counter gets a diagnostic, recognised by content in a plain text file', { timeout: 30_000 }, async () => {
  const uri = 'file:///tmp/server-counters.txt';
  await open(uri, 'plaintext', NETSTAT);
  const { diagnostics } = await lsp.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
  assert.ok(diagnostics.some((d) => d.code === 'paws-passive'), `diagnostics: ${diagnostics.map((d) => d.code).join(', ')}`);
});
