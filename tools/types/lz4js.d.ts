/** lz4js ships no types; the tests and the fuzzer use only its LZ4 frame encoder. */
declare module 'lz4js' {
  export function compress(source: Uint8Array, maxSize?: number): ArrayLike<number>;
}
