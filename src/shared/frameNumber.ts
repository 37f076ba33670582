/**
 * The analyzer counts frames from 0 (an index into the capture); Wireshark, tcpdump -r with -#, and
 * `frame.number` in a display filter count them from 1. Everything a user reads shows Wireshark's number,
 * so "frame 12" here is frame 12 there.
 */
export function wiresharkFrameNumber(frameIndex: number): number {
  return frameIndex + 1;
}
