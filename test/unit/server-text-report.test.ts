/** The text report of the story's pair as an open document: diagnostics, hovers, outline, code action. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  CodeActionRequest, DiagnosticSeverity, DidOpenTextDocumentNotification, DocumentSymbolRequest, HoverRequest,
  type DocumentSymbol, type MarkupContent,
} from 'vscode-languageserver-protocol/node.js';
import {
  COPY_WIRESHARK_FILTER_COMMAND, CorrelateCapturesRequest, TEXT_REPORT_LANGUAGE_ID, TextReportRequest,
} from '../../src/shared/lspExtensions.js';
import { parseTextReportUri } from '../../src/shared/textReportUri.js';
import { ServerClient, sampleUri } from './serverClient.js';

const client = sampleUri('story-client.pcap');
const server = sampleUri('story-server.pcap');
let lsp: ServerClient;
let reportUri: string;
let lines: string[];

before(async () => {
  lsp = await ServerClient.start();
  await lsp.connection.sendRequest(CorrelateCapturesRequest.type, { clientUri: client, serverUri: server });
  const report = await lsp.connection.sendRequest(TextReportRequest.type, { uri: client, pairedServerUri: server });
  reportUri = report.reportUri;
  lines = report.text.split('\n');
  await lsp.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: reportUri, languageId: TEXT_REPORT_LANGUAGE_ID, version: 1, text: report.text },
  });
});
after(async () => {
  await lsp.stop();
});

const failedLine = () => lines.findIndex((line) => / FAIL .*, cause paws-tw-recycle/.test(line));
const hoverText = async (line: number, character: number) => {
  const hover = await lsp.connection.sendRequest(HoverRequest.type, { textDocument: { uri: reportUri }, position: { line, character } });
  assert.ok(hover, `a hover at ${line}:${character}`);
  return (hover.contents as MarkupContent).value;
};

test('the report URI names both captures and the report has a tcpdump-like line per attempt', () => {
  assert.deepEqual(parseTextReportUri(reportUri), { uri: client, pairedServerUri: server });
  assert.match(reportUri, /^handshake-lens-report:\/[A-Za-z0-9_-]+\/story-client\.pcap\.handshakes$/);
  assert.ok(failedLine() > 0);
  // The verdict right after the id, where a long line cannot push it off-screen.
  assert.match(lines[failedLine()], /^ {2}\S+ \S+ #\d+ FAIL no-reply IP 192\.168\.0\.2\.\d+ > 192\.168\.11\.250\.3306: Flags \[S\], seq \d+, TSval \d+, SYNs 4, cause paws-tw-recycle \(high\)$/);
  assert.ok(lines[failedLine()].indexOf('FAIL') < 45, 'the verdict within the first 45 columns');
});

test('failed lines carry diagnostics, PAWS ones as errors with their handshake id', { timeout: 30_000 }, async () => {
  const published = await lsp.diagnosticsFor(reportUri, (p) => p.diagnostics.length > 0);
  const failedLines = lines.filter((line) => / FAIL( |$)/.test(line)).length;
  assert.equal(published.diagnostics.length, failedLines);
  const onLine = published.diagnostics.find((d) => d.range.start.line === failedLine())!;
  assert.equal(onLine.severity, DiagnosticSeverity.Error);
  assert.equal(onLine.code, 'paws-tw-recycle');
  assert.deepEqual(onLine.data, { handshakeIds: [Number(/#(\d+)/.exec(lines[failedLine()])![1])] });
  assert.match(onLine.message, /TSval/);
});

test('hovers explain the line, the TSval and the cause', { timeout: 30_000 }, async () => {
  const line = lines[failedLine()];
  assert.match(await hoverText(failedLine(), line.indexOf('#') + 1), /FAIL \(no-reply\)/);
  assert.match(await hoverText(failedLine(), line.indexOf('TSval ') + 7), /TCP timestamp value/);
  const cause = await hoverText(failedLine(), line.indexOf('paws-tw-recycle') + 3);
  assert.match(cause, /tcp_tw_recycle/);
  assert.match(cause, /60 seconds/);
});

test('the outline has one symbol per server, with the failed attempts under it, and the diagnoses', { timeout: 30_000 }, async () => {
  const symbols = (await lsp.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: reportUri } })) as DocumentSymbol[];
  assert.deepEqual(symbols.map((s) => s.name), ['192.168.11.250:3306', 'Diagnoses']);
  assert.equal(symbols[0].children!.length, lines.filter((l) => / FAIL( |$)/.test(l)).length);
});

test('the code action copies the Wireshark filter of the attempt on the line', { timeout: 30_000 }, async () => {
  const line = failedLine();
  const actions = await lsp.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri: reportUri },
    range: { start: { line, character: 4 }, end: { line, character: 4 } },
    context: { diagnostics: [] },
  });
  assert.equal(actions?.length, 1);
  const action = actions![0];
  assert.ok('command' in action && typeof action.command === 'object');
  assert.equal(action.command.command, COPY_WIRESHARK_FILTER_COMMAND);
  const port = /192\.168\.0\.2\.(\d+)/.exec(lines[line])![1];
  assert.deepEqual(action.command.arguments, [`tcp.port == ${port} && ip.addr == 192.168.11.250`]);
});
