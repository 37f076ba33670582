// npm run playground: the freshly packaged extension in a real VS Code (code-server) on 127.0.0.1, with
// a copy of the samples and the story's sysctl.conf and netstat -s files, until Ctrl+C. Open the URL it
// prints in a browser; no VS Code install needed. The npm script installs code-server and packages first.
import { rmSync } from 'node:fs';
import { makeTestWorkspace, packagedVsix } from '../../test/vscode/testWorkspace.js';
import { startCodeServer } from './codeServer.js';

async function main(): Promise<void> {
  const workspace = makeTestWorkspace();
  const server = await startCodeServer({ vsixPaths: [packagedVsix()] });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping code-server…\n');
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.stdout.write(
    `Handshake Lens playground: code-server with the extension and the samples (a copy in ${workspace}).\n` +
    `Open ${server.folderUrl(workspace)}\n` +
    `Double-click story-client.pcap, or run "Handshake Lens: Correlate captures" (F1). Ctrl+C stops it.\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
