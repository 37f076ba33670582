/**
 * Thrown by a ByteSource of a capture still being written (`--follow`) when it has no byte at the
 * position asked for yet. It is not an error of the file: the readers leave their state as it was before
 * the read that needed the bytes (they move their cursor only past whole records and blocks), so the
 * same `next()` is called again once more bytes have come. A record cut by the end of what is there is
 * therefore waited for, never reported as damage.
 */
export class NoDataYet extends Error {
  constructor() {
    super('no more bytes yet');
    this.name = 'NoDataYet';
  }
}
