/**
 * SYNs whose TCP options the snapshot length cut (`tcpdump -s 68` on a busy server): reported once per
 * capture, as the `options-truncated` warning, with the snapshot length, how many SYNs and what they
 * lost. A lost TSval leaves the timestamp (PAWS) check with nothing to judge, and a SYN without one
 * would otherwise look like a SYN sent without timestamps.
 */
import type { CaptureWarning } from './capture/types.js';
import { grouped, plural } from './explain/format.js';
import { OptionsCut } from './layers/tcpPacket.js';

/** What a SYN cut at each OptionsCut lost, indexed by it (None has no text). */
const LOST: readonly string[] = [
  '',
  'the options after the timestamps lost (TSval and TSecr kept)',
  'TSecr and the options after it lost (TSval kept)',
  'TSval lost: the timestamp check cannot be judged',
  'options lost before a timestamp option could be read, so whether they carried one is unknown: the timestamp check cannot be judged',
];

export class CutSynOptions {
  /** SYNs by the OptionsCut that befell them. */
  private readonly byCut = [0, 0, 0, 0, 0];
  private total = 0;
  private firstOffset = -1;
  /**
   * The shortest and longest captured length of the cut SYNs: the snapshot length as it was applied.
   * The file's own snaplen need not be it (editcap -s leaves a pcapng interface's snaplen as it was).
   */
  private shortest = Infinity;
  private longest = 0;

  /** A SYN (without ACK) whose options were cut at `cut`, in the record at `offset` that kept `capturedLength` bytes. */
  note(cut: OptionsCut, capturedLength: number, offset: number): void {
    if (cut === OptionsCut.None) return;
    if (this.total++ === 0) this.firstOffset = offset;
    this.byCut[cut]++;
    if (capturedLength < this.shortest) this.shortest = capturedLength;
    if (capturedLength > this.longest) this.longest = capturedLength;
  }

  warning(): CaptureWarning | null {
    if (this.total === 0) return null;
    const parts: string[] = [];
    for (let cut = OptionsCut.AfterTimestamps; cut <= OptionsCut.BeforeTimestamps; cut++) {
      const count = this.byCut[cut];
      if (count === this.total) parts.push(LOST[cut]);
      else if (count > 0) parts.push(`in ${grouped(count)}, ${LOST[cut]}`);
    }
    return {
      code: 'options-truncated',
      message: `${this.snaplenText()} cut the TCP options of ${plural(this.total, 'SYN', 'SYNs')}: ${parts.join('; ')}`,
      offset: this.firstOffset,
    };
  }

  private snaplenText(): string {
    return this.shortest === this.longest ? `snapshot length ${this.shortest}` : `snapshot lengths ${this.shortest} to ${this.longest}`;
  }
}
