/**
 * Output written in chunks of about 64 KiB: one write per row would be a system call per row, and the
 * whole report in one write a string as large as the report (over V8's limit of 2^29 characters with a
 * million rows). A reader that goes away (`| head`) stops the writing: the stream is destroyed on EPIPE.
 */
import type { Stream } from './terminal.js';

const CHUNK_CHARACTERS = 65_536;

/** The reader of the output went away; what was written so far is all it wanted. */
export class OutputClosed extends Error {
  constructor() {
    super('the output was closed');
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export class OutputSink {
  private pending: string[] = [];
  private characters = 0;

  constructor(private readonly stream: Stream, private readonly chunkCharacters = CHUNK_CHARACTERS) {}

  write(text: string): void {
    this.pending.push(text);
    this.characters += text.length;
    if (this.characters >= this.chunkCharacters) this.flush();
  }

  /** Throws OutputClosed once the stream has been destroyed (the reader closed the pipe). */
  flush(): void {
    if (this.stream.destroyed === true) throw new OutputClosed();
    if (this.characters === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.characters = 0;
    // A text longer than a chunk (a batch of rows) goes out in chunks too, never split inside a UTF-16 pair.
    for (let start = 0; start < text.length;) {
      let end = Math.min(text.length, start + this.chunkCharacters);
      if (end < text.length && end - start > 1 && isHighSurrogate(text.charCodeAt(end - 1))) end--;
      this.stream.write(start === 0 && end === text.length ? text : text.slice(start, end));
      start = end;
    }
  }
}
