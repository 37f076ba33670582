// The independent witnesses of the end-to-end tests: the command line's JSON (the same analyzer, without
// the extension, the language server or the webview in between) and tshark.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const cli = join(__dirname, '../../dist/cli.js');

export interface CliHandshake {
  id: number;
  client: string;
  server: string;
  synTime: number;
  synCount: number;
  verdict: 'pass' | 'fail' | 'unknown';
  cause: string | null;
}

export interface CliAnalysis {
  handshakes: CliHandshake[];
  /** The diagnoses as the Problems panel words them, "Error: <title>", sorted. */
  problems: string[];
}

const SEVERITY_WORDS: Record<string, string> = { error: 'Error', warning: 'Warning', info: 'Info' };

/** `handshake-lens analyze CAPTURE [--server SERVER] --format json` in English. */
export function analyzeWithCli(capture: string, server?: string): CliAnalysis {
  return cliReport([capture, ...(server ? ['--server', server] : [])]);
}

/** `handshake-lens analyze A B C… --format json`: captures along a path, the server's found from the traffic. */
export function analyzePathWithCli(captures: readonly string[]): CliAnalysis {
  return cliReport(captures);
}

function cliReport(captureArgs: readonly string[]): CliAnalysis {
  const args = [cli, 'analyze', ...captureArgs, '--format', 'json', '--lang', 'en'];
  const report = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 })) as {
    handshakes: CliHandshake[];
    diagnoses: { severity: string; title: string }[];
  };
  return {
    handshakes: report.handshakes,
    problems: report.diagnoses.map((diagnosis) => `${SEVERITY_WORDS[diagnosis.severity] ?? diagnosis.severity}: ${diagnosis.title}`).sort(),
  };
}

/** One line per frame tshark reads (after the display filter, when given): time, lengths, addresses, ports, raw sequence number, flags. */
export function tsharkFrames(capture: string, displayFilter?: string): string[] {
  const fields = ['frame.time_epoch', 'frame.len', 'frame.cap_len', 'ip.src', 'tcp.srcport', 'ip.dst', 'tcp.dstport', 'tcp.seq_raw', 'tcp.flags'];
  const args = ['-n', '-r', capture, ...(displayFilter ? ['-Y', displayFilter] : []), '-T', 'fields', ...fields.flatMap((field) => ['-e', field])];
  return execFileSync('tshark', args, { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\n').filter((line) => line.length > 0);
}
