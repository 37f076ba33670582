/**
 * pcapng timestamps: a 64-bit count of 1/unitsPerSecond (if_tsresol: a power of 10 or of 2) plus
 * if_tsoffset seconds. Nanosecond counts since 1970 exceed 2^53, so the split into seconds and
 * nanoseconds divides in 16-bit steps that stay exact, without a BigInt per packet.
 */
export class TimestampClock {
  /** Nanoseconds per unit when a unit is a whole number of nanoseconds (10^-k, k ≤ 9), else 0. */
  private readonly nsPerUnit: number;
  timeSec = 0;
  timeNs = 0;

  constructor(readonly unitsPerSecond: number, readonly offsetSeconds: number) {
    this.nsPerUnit = Number.isInteger(1e9 / unitsPerSecond) ? 1e9 / unitsPerSecond : 0;
  }

  /** The clock for an if_tsresol byte: high bit set means 2^-n, clear means 10^-n. */
  static fromResolution(tsresol: number, offsetSeconds: number): TimestampClock {
    const exponent = tsresol & 0x7f;
    return new TimestampClock(tsresol & 0x80 ? 2 ** exponent : 10 ** exponent, offsetSeconds);
  }

  /** Sets `timeSec`/`timeNs` from the timestamp's upper and lower 32 bits. */
  set(high: number, low: number): void {
    const units = this.unitsPerSecond;
    let seconds: number;
    let fraction: number;
    if (high < 0x200000) {
      const count = high * 4294967296 + low;
      seconds = Math.floor(count / units);
      fraction = count - seconds * units;
    } else if (units <= 4294967296) {
      const highQuotient = Math.floor(high / units);
      let rest = (high - highQuotient * units) * 65536 + (low >>> 16);
      const middleQuotient = Math.floor(rest / units);
      rest = (rest - middleQuotient * units) * 65536 + (low & 0xffff);
      const lowQuotient = Math.floor(rest / units);
      seconds = highQuotient * 4294967296 + middleQuotient * 65536 + lowQuotient;
      fraction = rest - lowQuotient * units;
    } else {
      // Finer than 2^-32 s: no writer we know of uses it, so exactness costs a BigInt here only.
      const count = (BigInt(high) << 32n) | BigInt(low);
      const bigUnits = BigInt(units);
      this.timeSec = Number(count / bigUnits) + this.offsetSeconds;
      this.timeNs = Number(((count % bigUnits) * 1000000000n) / bigUnits);
      return;
    }
    this.timeSec = seconds + this.offsetSeconds;
    this.timeNs = this.nsPerUnit > 0 ? fraction * this.nsPerUnit : Math.min(999999999, Math.floor((fraction * 1e9) / units));
  }
}
