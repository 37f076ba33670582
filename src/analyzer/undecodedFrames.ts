/**
 * Frames that gave no TCP segment for a reason worth telling the user: a link type this product does
 * not read, a frame cut short or malformed, or a tunnel's packet that overruns or is fragmented. Each kind is reported once, with a count, at the offset
 * of its first frame, instead of one warning per frame.
 */
import type { CaptureWarning } from './capture/types.js';
import { grouped } from './explain/format.js';
import { linkTypeName } from './layers/linkTypes.js';
import { DecodeStatus } from './layers/tcpPacket.js';

export interface SkippedLinkType {
  linkType: number;
  name: string;
  packets: number;
}

interface Tally {
  count: number;
  firstOffset: number;
}

export class UndecodedFrames {
  private readonly byLinkType = new Map<number, Tally>();
  private readonly truncated: Tally = { count: 0, firstOffset: -1 };
  private readonly malformed: Tally = { count: 0, firstOffset: -1 };
  private readonly tunnelOverrun: Tally = { count: 0, firstOffset: -1 };
  private readonly tunnelFragment: Tally = { count: 0, firstOffset: -1 };

  note(status: DecodeStatus, linkType: number, offset: number): void {
    let tally: Tally | undefined;
    if (status === DecodeStatus.UnsupportedLinkType) {
      tally = this.byLinkType.get(linkType);
      if (tally === undefined) this.byLinkType.set(linkType, (tally = { count: 0, firstOffset: offset }));
    } else if (status === DecodeStatus.Truncated) {
      tally = this.truncated;
    } else if (status === DecodeStatus.Malformed) {
      tally = this.malformed;
    } else if (status === DecodeStatus.TunnelOverrun) {
      tally = this.tunnelOverrun;
    } else if (status === DecodeStatus.TunnelFragment) {
      tally = this.tunnelFragment;
    } else {
      return;
    }
    if (tally.count++ === 0) tally.firstOffset = offset;
  }

  skippedLinkTypes(): SkippedLinkType[] {
    return [...this.byLinkType].map(([linkType, tally]) => ({ linkType, name: linkTypeName(linkType), packets: tally.count }));
  }

  warnings(): CaptureWarning[] {
    const warnings: CaptureWarning[] = [];
    for (const [linkType, tally] of this.byLinkType) {
      warnings.push({
        code: 'skipped-link-type',
        message: `${grouped(tally.count)} packets of link type ${linkType} (${linkTypeName(linkType)}) skipped`,
        offset: tally.firstOffset,
      });
    }
    if (this.truncated.count > 0) {
      warnings.push({
        code: 'truncated-frame',
        message: `${grouped(this.truncated.count)} packets cut short before their TCP ports and flags`,
        offset: this.truncated.firstOffset,
      });
    }
    if (this.malformed.count > 0) {
      warnings.push({
        code: 'malformed-frame',
        message: `${grouped(this.malformed.count)} packets with impossible header fields skipped`,
        offset: this.malformed.firstOffset,
      });
    }
    if (this.tunnelOverrun.count > 0) {
      warnings.push({
        code: 'tunnel-overrun',
        message: `${grouped(this.tunnelOverrun.count)} tunnelled packets skipped: a tunnel header claims more bytes than its packet holds`,
        offset: this.tunnelOverrun.firstOffset,
      });
    }
    if (this.tunnelFragment.count > 0) {
      warnings.push({
        code: 'tunnel-fragment',
        message: `${grouped(this.tunnelFragment.count)} fragments of tunnelled packets skipped: the segment inside would need reassembly`,
        offset: this.tunnelFragment.firstOffset,
      });
    }
    return warnings;
  }
}
