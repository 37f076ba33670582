/** What a terminal needs: colour only where it helps, text widths for CJK, a progress line. */

export interface Stream {
  isTTY?: boolean;
  /** Set by Node once a write failed (EPIPE: the reader went away). */
  readonly destroyed?: boolean;
  write(text: string): unknown;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function wantsColour(stream: Stream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

export const enum Colour {
  Green = 32,
  Red = 31,
  Yellow = 33,
  Bold = 1,
}

export function paint(text: string, colour: Colour, enabled: boolean): string {
  return enabled && text !== '' ? `\x1b[${colour}m${text}\x1b[0m` : text;
}

/** Columns a string takes on a terminal: East Asian wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6);
    width += wide ? 2 : 1;
  }
  return width;
}

export function pad(text: string, width: number, alignRight: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? fill + text : text + fill;
}

/**
 * Shows "reading FILE: n%" on stderr once a run has taken a second, only on a terminal. Without a total
 * (a pipe, whose size is known only at its end) `percent` is NaN and the text says the bytes read.
 */
export class ProgressLine {
  private readonly startedAt = Date.now();
  private shown = false;
  private lastText = '';

  constructor(private readonly stream: Stream, private readonly text: (percent: number, bytes: number) => string) {}

  update(done: number, total: number): void {
    if (this.stream.isTTY !== true || Date.now() - this.startedAt < 1000) return;
    const percent = !Number.isFinite(total) ? NaN : total > 0 ? Math.floor((done / total) * 100) : 0;
    const text = this.text(percent, done);
    if (text === this.lastText) return;
    this.lastText = text;
    this.shown = true;
    this.stream.write(`\r\x1b[K${text}`);
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
