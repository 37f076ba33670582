/**
 * LSP work-done progress for reading captures: a percentage from the bytes read, reported only when it
 * changes, so a 2 GB capture sends about a hundred notifications rather than one per slice.
 */
import type { Connection, ProgressToken, WorkDoneProgressReporter } from 'vscode-languageserver/node.js';

export class ReadProgress {
  private lastPercent = -1;

  private constructor(private readonly reporter: WorkDoneProgressReporter) {}

  /** Without a token from the client, reports go nowhere. */
  static begin(connection: Connection, token: ProgressToken | undefined, title: string): ReadProgress {
    const reporter = connection.window.attachWorkDoneProgress(token);
    reporter.begin(title, 0, undefined, true);
    return new ReadProgress(reporter);
  }

  /** Maps one read into a part of the bar, for requests that read two captures. */
  part(from: number, to: number, message: string): (bytesRead: number, total: number) => void {
    return (bytesRead, total) => {
      const percent = Math.floor(from + (to - from) * (total > 0 ? bytesRead / total : 1));
      if (percent === this.lastPercent) return;
      this.lastPercent = percent;
      this.reporter.report(percent, message);
    };
  }

  done(): void {
    this.reporter.done();
  }
}
