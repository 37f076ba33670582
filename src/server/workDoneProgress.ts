/**
 * LSP work-done progress for reading captures: a percentage from the bytes read, reported only when it
 * changes, so a 2 GB capture sends about a hundred notifications rather than one per slice.
 */
import type { Connection, ProgressToken, WorkDoneProgressReporter } from 'vscode-languageserver/node.js';

/** The message of the report that the diagnosis has begun. */
export const DIAGNOSING_MESSAGE = 'diagnosing';

export class ReadProgress {
  private lastPercent = -1;

  private constructor(private readonly reporter: WorkDoneProgressReporter) {}

  /** Without a token from the client, reports go nowhere. */
  static begin(connection: Connection, token: ProgressToken | undefined, title: string): ReadProgress {
    const reporter = connection.window.attachWorkDoneProgress(token);
    reporter.begin(title, 0, undefined, true);
    return new ReadProgress(reporter);
  }

  /**
   * Maps one read into a part of the bar, for requests that read two captures. The message is the
   * percentage of the file being read (the notification's title names the files; a bar alone shows no
   * number), prefixed by `label` when one of several files is meant.
   */
  part(from: number, to: number, label?: string): (bytesRead: number, total: number) => void {
    return (bytesRead, total) => {
      const ofFile = Math.floor(100 * (total > 0 ? Math.min(1, bytesRead / total) : 1));
      const percent = Math.floor(from + ((to - from) * ofFile) / 100);
      if (percent === this.lastPercent) return;
      this.lastPercent = percent;
      this.reporter.report(percent, label === undefined ? `${ofFile} %` : `${label}: ${ofFile} %`);
    };
  }

  /**
   * Every byte is read and the attempts are being diagnosed: the bar stays full, the message says so (the
   * editor shows its own words for it).
   */
  diagnosing(): void {
    this.lastPercent = 100;
    this.reporter.report(100, DIAGNOSING_MESSAGE);
  }

  done(): void {
    this.reporter.done();
  }
}
