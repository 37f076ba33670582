/**
 * RFC 5952 text of the IPv6 address at `offset`: lower-case hex, no leading zeros, the longest run of
 * two or more zero groups (the first of equal runs) as '::', and IPv4-mapped addresses as ::ffff:a.b.c.d.
 * The one allocation the decoders make, and only for IPv6 addresses not in ipv6.ts's cache of texts.
 */
export function ipv6Text(data: Uint8Array, offset: number): string {
  let bestStart = -1;
  let bestLength = 1;
  let runStart = -1;
  for (let group = 0; group < 8; group++) {
    const value = (data[offset + group * 2] << 8) | data[offset + group * 2 + 1];
    if (value !== 0) {
      runStart = -1;
      continue;
    }
    if (runStart < 0) runStart = group;
    if (group - runStart + 1 > bestLength) {
      bestStart = runStart;
      bestLength = group - runStart + 1;
    }
  }
  if (bestStart === 0 && bestLength === 5 && data[offset + 10] === 0xff && data[offset + 11] === 0xff) {
    return `::ffff:${data[offset + 12]}.${data[offset + 13]}.${data[offset + 14]}.${data[offset + 15]}`;
  }
  let text = '';
  for (let group = 0; group < 8; group++) {
    if (group === bestStart) {
      text += '::';
      group += bestLength - 1;
      continue;
    }
    if (text !== '' && !text.endsWith(':')) text += ':';
    text += ((data[offset + group * 2] << 8) | data[offset + group * 2 + 1]).toString(16);
  }
  return text;
}
