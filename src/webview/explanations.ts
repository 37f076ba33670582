/**
 * The short explanations behind the hovers, taken from the analysis itself (so they are in the
 * explanation language the server was set to): a cause chip shows its diagnosis's title and mechanism,
 * a row's TSval the evidence sentence that names that attempt (for PAWS: "TSval … is … behind …").
 */
import type { DiagnosisJson } from '../analyzer/report.js';

export class Explanations {
  private readonly byCause = new Map<string, string>();
  private readonly byAttempt = new Map<number, string>();

  constructor(diagnoses: readonly DiagnosisJson[]) {
    for (const diagnosis of diagnoses) {
      if (!this.byCause.has(diagnosis.code)) this.byCause.set(diagnosis.code, `${diagnosis.title}\n\n${firstSentences(diagnosis.explanation, 2)}`);
      for (const evidence of diagnosis.evidence) {
        // One handshake per sentence: sentences about many attempts (counts) explain no single row.
        if (evidence.handshakeIds.length !== 1) continue;
        const id = evidence.handshakeIds[0]!;
        if (!this.byAttempt.has(id)) this.byAttempt.set(id, evidence.text);
      }
    }
  }

  cause(code: string): string | undefined {
    return this.byCause.get(code);
  }

  attempt(handshakeId: number): string | undefined {
    return this.byAttempt.get(handshakeId);
  }

  /** Causes present, in the order of the cards, for the cause filter. */
  causes(): string[] {
    return [...this.byCause.keys()];
  }
}

export function firstSentences(text: string, count: number): string {
  const sentences = text.match(/[^.!?。！？]+[.!?。！？]+(\s|$)/g);
  if (!sentences) return text;
  return sentences.slice(0, count).join('').trim();
}
