/**
 * The sentences of the `syn-cookies` diagnosis (diagnosis/synCookies.ts): a member of `Texts`,
 * implemented per language in synCookieEn.ts and synCookieZhCn.ts.
 */

/** The SYN-ACKs of one server whose TSval's low bits carry the SYN's options (cookie_init_timestamp). */
export interface CookieTsvalFacts {
  server: string;
  /** Distinct SYN-ACK TSvals carrying the encoding, of those judged (SYN and SYN-ACK with timestamps). */
  encoded: number;
  judged: number;
  /** The chance of at least that many matches with random TSvals (1 in 32 each). */
  pChance: number;
  /** One example: its TSval, the low six bits, and the SYN options they encode. */
  synAckTsval: number;
  windowScale: number | null;
  sackPermitted: boolean;
}

/** SYNs without timestamps whose SYN-ACKs lost window scale and SACK, beside SYN-ACKs of the same server that kept them. */
export interface CookieOptionsFacts {
  server: string;
  lost: number;
  kept: number;
}

/** SYN-ACKs the server never resent although the client stayed silent past the request timer's expiry. */
export interface CookieTimerFacts {
  server: string;
  notRetransmitted: number;
  /** Attempts of the same server whose SYN-ACK its timer did resend (a request socket existed). */
  retransmitted: number;
  longestSilenceSeconds: number;
}

export interface SynCookieTexts {
  title(attempts: number, servers: readonly string[]): string;
  /** `atServer`: the capture (or the pair's server capture) was taken at the server, so its SYN-ACK timer shows. */
  explanation(atServer: boolean): string;
  tsval(facts: CookieTsvalFacts): string;
  optionsLost(facts: CookieOptionsFacts): string;
  notRetransmitted(facts: CookieTimerFacts): string;
  /** From a client-side capture alone: the server's SYN-ACK timer cannot be judged. */
  timerNotJudged: string;
  fix: string;
}
