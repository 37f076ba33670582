/** A capture's name where several are listed along a path: its file name without directories and the capture extension. */
export function captureShortName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.(pcapng|pcap|cap)(\.(gz|zst|lz4))?$/i, '');
}
