// The integration suite: Handshake Lens inside a real VS Code extension host (code-server's in CI, desktop
// VS Code through @vscode/test-electron elsewhere). It drives the extension only through VS Code's API,
// the way other extensions and the workbench do, and waits on VS Code's events with bounded timeouts.
// The workspace is test/vscode/testWorkspace.ts's copy of the samples and the text artifacts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'handshake-lens.handshake-lens';
const VIEW_TYPE = 'handshakeLens.capture';
const REPORT_SCHEME = 'handshake-lens-report';
/** Generous for a cold language server on a slow CI machine; a sample analyses in well under a second. */
const WAIT_MS = 20_000;

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test opens a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return code === undefined ? undefined : String(typeof code === 'object' ? code.value : code);
}

function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => ({ code: codeOf(d), severity: vscode.DiagnosticSeverity[d.severity], line: d.range.start.line, message: d.message.split('\n')[0] })));
}

/**
 * Resolves with the diagnostics of `uri` once `accept` takes them: at once if it already does, otherwise
 * on the onDidChangeDiagnostics event that makes it so; rejects after `timeoutMs` saying what it saw.
 */
function diagnosticsWhen(uri: vscode.Uri, what: string, accept: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs = WAIT_MS): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(({ uris }) => {
      if (uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${uri.path}; diagnostics: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

function withCode(diagnostics: readonly vscode.Diagnostic[], code: string): vscode.Diagnostic | undefined {
  return diagnostics.find((diagnostic) => codeOf(diagnostic) === code);
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** The position just inside the first occurrence of `needle` in the document. */
function positionOf(document: vscode.TextDocument, needle: string): vscode.Position {
  const offset = document.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" is in ${document.uri.path}`);
  return document.positionAt(offset + 1);
}

async function openText(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

/** The active tab, when it is the capture editor showing `uri`. */
function activeCaptureTab(uri: vscode.Uri): vscode.TabInputCustom | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === VIEW_TYPE && input.uri.toString() === uri.toString() ? input : undefined;
}

describe('Handshake Lens in VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates and registers its commands', async () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    const commands = await vscode.commands.getCommands(true);
    for (const command of ['handshakeLens.correlateCaptures', 'handshakeLens.correlateWithServerCapture', 'handshakeLens.openTextReport']) {
      assert.ok(commands.includes(command), `${command} is registered`);
    }
  });

  describe('the capture editor', () => {
    const samples: { file: string; expect: (diagnostics: vscode.Diagnostic[]) => boolean; what: string }[] = [
      {
        file: 'healthy.pcap',
        what: 'the shared-address note and no error',
        expect: (d) => withCode(d, 'nat-multiple-clocks')?.severity === vscode.DiagnosticSeverity.Information && d.every((x) => x.severity !== vscode.DiagnosticSeverity.Error),
      },
      {
        file: 'refused-and-unanswered.pcap',
        what: 'refused as an error and unanswered SYNs as a warning',
        expect: (d) => withCode(d, 'refused')?.severity === vscode.DiagnosticSeverity.Error && withCode(d, 'unlocated')?.severity === vscode.DiagnosticSeverity.Warning,
      },
      {
        file: 'story-client.pcap',
        what: 'a suspected PAWS drop as a warning',
        expect: (d) => withCode(d, 'paws-tw-recycle')?.severity === vscode.DiagnosticSeverity.Warning,
      },
      {
        file: 'story-server.pcap',
        what: 'the PAWS drop as an error',
        expect: (d) => withCode(d, 'paws-tw-recycle')?.severity === vscode.DiagnosticSeverity.Error,
      },
    ];
    for (const sample of samples) {
      it(`opens ${sample.file} in the capture editor and reports ${sample.what}`, async () => {
        const uri = workspaceFile(sample.file);
        const published = diagnosticsWhen(uri, sample.what, sample.expect);
        await vscode.commands.executeCommand('vscode.openWith', uri, VIEW_TYPE);
        assert.ok(activeCaptureTab(uri), `${sample.file} is the active tab, in the ${VIEW_TYPE} editor`);
        const diagnostics = await published;
        for (const diagnostic of diagnostics) {
          assert.equal(diagnostic.source, 'Handshake Lens');
          assert.ok(diagnostic.message.length > 40, `an explanation, not just a title: ${diagnostic.message}`);
        }
      });
    }
  });

  describe('"Open capture set…"', () => {
    /** The active tab once the command opened it: the capture editor on a set URI. */
    function activeSetTab(): vscode.Uri {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      assert.ok(input instanceof vscode.TabInputCustom && input.viewType === VIEW_TYPE, 'a capture editor is the active tab');
      assert.equal(input.uri.scheme, 'handshake-lens-set');
      return input.uri;
    }

    it('opens a folder of the explorer as one capture with the whole story\'s PAWS warning', async () => {
      const folder = workspaceFile('story-ring');
      await vscode.commands.executeCommand('handshakeLens.openCaptureSet', folder, [folder]);
      const uri = activeSetTab();
      assert.equal(uri.path, folder.path);
      await diagnosticsWhen(uri, 'the story\'s suspected PAWS drop', (d) => withCode(d, 'paws-tw-recycle')?.severity === vscode.DiagnosticSeverity.Warning);
    });

    it('opens capture files selected together as one capture, the same as their folder', async () => {
      const folder = workspaceFile('story-ring');
      const files = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => vscode.Uri.joinPath(folder, name));
      assert.ok(files.length >= 3, `the ring has files: ${files.length}`);
      await vscode.commands.executeCommand('handshakeLens.openCaptureSet', files[0], files);
      const uri = activeSetTab();
      assert.notEqual(uri.query, '', 'the set names its files');
      const diagnostics = await diagnosticsWhen(uri, 'the story\'s suspected PAWS drop', (d) => withCode(d, 'paws-tw-recycle') !== undefined);
      const wholeFolder = vscode.languages.getDiagnostics(vscode.Uri.parse(`handshake-lens-set:${folder.path}`));
      assert.deepEqual(diagnostics.map(codeOf).sort(), wholeFolder.map(codeOf).sort());
    });
  });

  describe('"Correlate captures" on the story pair', () => {
    it('confirms the PAWS drop as an error on the client capture, linked back to its attempts', async () => {
      const client = workspaceFile('story-client.pcap');
      const server = workspaceFile('story-server.pcap');
      // Alone, the client capture can only suspect PAWS; with the server side the diagnosis is confirmed.
      const confirmed = diagnosticsWhen(client, 'the confirmed PAWS error', (d) => {
        const paws = withCode(d, 'paws-tw-recycle');
        return paws?.severity === vscode.DiagnosticSeverity.Error && !paws.message.startsWith('Suspected');
      });
      await vscode.commands.executeCommand('handshakeLens.correlateCaptures', client, server);
      const paws = withCode(await confirmed, 'paws-tw-recycle')!;
      assert.match(paws.message, /192\.168\.11\.250:3306 dropped 20 connection attempts/);
      assert.match(paws.message, /tcp_tw_recycle/);
      assert.ok(activeCaptureTab(client), 'the client capture is shown correlated');
      // The Problems panel's link: the code is a command URI that reveals the attempts.
      const code = paws.code as { value: string; target: vscode.Uri };
      assert.equal(code.target.scheme, 'command');
      assert.equal(code.target.path, 'handshakeLens.revealAttempts');
      const [target] = JSON.parse(decodeURIComponent(code.target.query)) as [{ uri: string; handshakeIds: number[] }];
      assert.equal(target.uri, client.toString());
      assert.equal(target.handshakeIds.length, 20);
    });

    it('correlates a list of captures along a path, the server found from the traffic', async () => {
      const client = workspaceFile('story-client.pcap');
      const server = workspaceFile('story-server.pcap');
      const other = workspaceFile('healthy.pcap');
      // Another pairing first, so that the path's diagnostics are seen to replace it.
      await vscode.commands.executeCommand('handshakeLens.correlateCaptures', client, other);
      const confirmed = diagnosticsWhen(client, 'the confirmed PAWS error of the path', (d) => {
        const paws = withCode(d, 'paws-tw-recycle');
        return paws?.severity === vscode.DiagnosticSeverity.Error && !paws.message.startsWith('Suspected');
      });
      await vscode.commands.executeCommand('handshakeLens.correlateCaptures', [client, server]);
      assert.match(withCode(await confirmed, 'paws-tw-recycle')!.message, /dropped 20 connection attempts/);
      assert.ok(activeCaptureTab(client), 'the first capture of the path is shown');
    });

    it('keeps the PAWS error on the server capture too', async () => {
      const server = workspaceFile('story-server.pcap');
      const diagnostics = await diagnosticsWhen(server, 'the PAWS error', (d) => withCode(d, 'paws-tw-recycle')?.severity === vscode.DiagnosticSeverity.Error);
      assert.match(withCode(diagnostics, 'paws-tw-recycle')!.message, /dropped 20 connection attempts/);
    });

    it('replaces what a pairing published when the pairing changes', async () => {
      const storyClient = workspaceFile('story-client.pcap');
      const storyServer = workspaceFile('story-server.pcap');
      const other = workspaceFile('healthy.pcap');
      const otherServer = workspaceFile('refused-and-unanswered.pcap');
      await vscode.commands.executeCommand('handshakeLens.correlateCaptures', storyClient, storyServer);
      const own = describeDiagnostics(await diagnosticsWhen(storyServer, 'the PAWS error', (d) => withCode(d, 'paws-tw-recycle') !== undefined));
      // Another client capture paired with the story's server capture: the server shows that pairing.
      const foreign = diagnosticsWhen(storyServer, 'the second pairing', (d) => describeDiagnostics(d) !== own);
      await vscode.commands.executeCommand('handshakeLens.correlateCaptures', other, storyServer);
      await foreign;
      // That client capture paired elsewhere: the story's server capture shows the story pairing again.
      await vscode.commands.executeCommand('handshakeLens.correlateCaptures', other, otherServer);
      const restored = await diagnosticsWhen(storyServer, 'the story pairing again', (d) => describeDiagnostics(d) === own);
      assert.equal(withCode(restored, 'paws-tw-recycle')?.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(activeCaptureTab(other));
    });
  });

  describe('sysctl.conf', () => {
    let document: vscode.TextDocument;

    before(async () => {
      document = await openText('sysctl.conf');
    });

    it('is a sysctl file with tcp_tw_recycle = 1 as an error and its removal in Linux 4.12 as a warning', async () => {
      assert.equal(document.languageId, 'sysctl');
      const line = positionOf(document, 'net.ipv4.tcp_tw_recycle').line;
      const diagnostics = await diagnosticsWhen(document.uri, 'tw-recycle-enabled', (d) => withCode(d, 'tw-recycle-enabled') !== undefined);
      const enabled = withCode(diagnostics, 'tw-recycle-enabled')!;
      assert.equal(enabled.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(enabled.range.start.line, line);
      assert.match(enabled.message, /NAT/);
      assert.equal(withCode(diagnostics, 'tw-recycle-removed')?.severity, vscode.DiagnosticSeverity.Warning);
    });

    it('explains tcp_tw_recycle and tcp_timestamps on hover', async () => {
      const recycle = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'tcp_tw_recycle')));
      assert.match(recycle, /tcp_tw_recycle/);
      assert.match(recycle, /PAWS|NAT/);
      const timestamps = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'tcp_timestamps')));
      assert.match(timestamps, /TSval|timestamp/i);
    });

    it('fixes tcp_tw_recycle = 1 with the quick fix, and the error goes away', async () => {
      const enabled = withCode(vscode.languages.getDiagnostics(document.uri), 'tw-recycle-enabled');
      assert.ok(enabled, 'the error is there before the fix');
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', document.uri, enabled.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((action) => action.edit && /\b0\b/.test(action.title));
      assert.ok(fix?.edit, `a quick fix setting it to 0 among ${JSON.stringify(actions.map((a) => a.title))}`);
      const cleared = diagnosticsWhen(document.uri, 'no tw-recycle-enabled', (d) => withCode(d, 'tw-recycle-enabled') === undefined);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(document.lineAt(enabled.range.start.line).text, 'net.ipv4.tcp_tw_recycle = 0');
      await cleared;
      await document.save();
    });
  });

  describe('netstat -s', () => {
    it('flags the PAWS counter and explains it on hover', async () => {
      const document = await openText('netstat-s-3.10.txt');
      assert.equal(document.languageId, 'netstat');
      const counter = positionOf(document, 'passive connections rejected because of time stamp');
      const diagnostics = await diagnosticsWhen(document.uri, 'a diagnostic on the PAWS counter', (d) => d.some((x) => x.range.start.line === counter.line));
      assert.ok(diagnostics.find((x) => x.range.start.line === counter.line)!.message.includes('tcp_tw_recycle'));
      const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, counter));
      assert.match(hover, /tcp_tw_recycle/);
      const listenDrops = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider', document.uri, positionOf(document, 'SYNs to LISTEN sockets dropped')));
      assert.ok(listenDrops.length > 0, 'the ListenDrops counter has a hover');
    });
  });

  describe('the text report', () => {
    let report: vscode.TextDocument;

    before(async () => {
      await vscode.commands.executeCommand('handshakeLens.openTextReport', workspaceFile('story-client.pcap'));
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor, 'the report opens in a text editor');
      report = editor.document;
    });

    it('opens read-only text, one line per attempt, paired with the server capture', () => {
      assert.equal(report.uri.scheme, REPORT_SCHEME);
      assert.equal(report.languageId, 'handshake-report');
      const text = report.getText();
      assert.match(text, /story-client\.pcap/);
      assert.match(text, /story-server\.pcap/, 'the pairing made by "Correlate captures" is remembered');
      assert.match(text, /192\.168\.11\.250[.:]3306/);
    });

    it('carries the failed attempts as diagnostics and explains them on hover', async () => {
      const diagnostics = await diagnosticsWhen(report.uri, 'diagnostics on failed lines', (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error));
      const failed = diagnostics.find((x) => x.severity === vscode.DiagnosticSeverity.Error)!;
      const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', report.uri, failed.range.start));
      assert.ok(hover.length > 0, `a hover on line ${failed.range.start.line + 1}: ${report.lineAt(failed.range.start.line).text}`);
    });

    it('outlines the report by server', async () => {
      const symbols = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', report.uri);
      assert.ok(symbols.length > 0, 'the report has symbols');
      assert.ok(symbols.some((symbol) => symbol.name.includes('192.168.11.250')), `a symbol per server among ${JSON.stringify(symbols.map((s) => s.name))}`);
    });
  });

  describe('when the language server dies', () => {
    it('restarts it, and the open capture editor analyses its capture again', async () => {
      const client = workspaceFile('story-client.pcap');
      const server = workspaceFile('story-server.pcap');
      await vscode.commands.executeCommand('handshakeLens.correlateCaptures', client, server);
      await diagnosticsWhen(client, 'the PAWS error', (d) => withCode(d, 'paws-tw-recycle') !== undefined);
      // The server process of this extension (dist/server.js under its install folder), killed as the OOM killer would.
      const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
      const { execFileSync } = await import('node:child_process');
      const serverPids = () => execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')
        .filter((line) => line.includes(extensionPath) && line.includes('server.js'))
        .map((line) => Number(line.trim().split(/\s+/)[0]));
      const [pid] = serverPids();
      assert.ok(pid > 0, 'the language server runs');
      process.kill(pid, 'SIGKILL');
      // A new server knows no analysis until the editor has read its captures again; the text report asks for it.
      const deadline = Date.now() + WAIT_MS;
      let opened = false;
      while (!opened && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        opened = await Promise.resolve(vscode.commands.executeCommand('handshakeLens.openTextReport', client)).then(() => true, () => false);
      }
      assert.ok(opened, 'the restarted server has the capture analysed again');
      assert.notEqual(serverPids()[0], pid, 'a new server process');
      const report = vscode.window.activeTextEditor?.document;
      assert.match(report?.getText() ?? '', /#\d+ FAIL no-reply /);
      await diagnosticsWhen(client, 'the PAWS error again', (d) => withCode(d, 'paws-tw-recycle') !== undefined);
    });
  });

  describe('closing the capture editors', () => {
    it('clears the problems of the client capture and of its server capture, which had no editor of its own', async () => {
      const client = workspaceFile('story-client.pcap');
      const server = workspaceFile('story-server.pcap');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await diagnosticsWhen(server, 'no diagnostics once its editor closed', (d) => d.length === 0);
      // Correlating opens the client capture only; the server capture is read for it in the background.
      const serverPaws = diagnosticsWhen(server, 'the PAWS error', (d) => withCode(d, 'paws-tw-recycle') !== undefined);
      await vscode.commands.executeCommand('handshakeLens.correlateCaptures', client, server);
      await serverPaws;
      assert.ok(activeCaptureTab(client), 'the client capture is shown correlated');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await diagnosticsWhen(client, 'no diagnostics', (d) => d.length === 0);
      await diagnosticsWhen(server, 'no diagnostics', (d) => d.length === 0);
    });
  });
});
