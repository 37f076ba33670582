/**
 * The analyzer's one typed error. Every problem with the input is reported as a CaptureError that names
 * the file, the byte offset and the reason; anything else thrown is a bug.
 */
export class CaptureError extends Error {
  constructor(
    /** File name or URI as the user knows it. */
    readonly file: string,
    /** Byte offset in the file where the problem is. */
    readonly offset: number,
    /** One line, lower case, no file name: `unknown magic 0x7f454c46`. */
    readonly reason: string,
    /** Stable code for programs: `not-a-capture`, `bad-version`, `bad-block-length`, `record-too-large`… */
    readonly code: string,
  ) {
    super(`${file}: ${reason} at byte ${offset}`);
    this.name = 'CaptureError';
  }
}
