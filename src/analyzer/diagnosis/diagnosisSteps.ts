/**
 * A diagnosis as a sequence of passes over the attempts, written as a generator that yields between
 * them: the command line runs it through at once, the language server turns its event loop between
 * passes, so that it answers the editor and honours Cancel while a flood's millions of attempts are
 * diagnosed (tens of seconds at ten million).
 */

/** A diagnosis under way: each `next()` runs one pass; the last returns the result. */
export type DiagnosisSteps<R> = Generator<void, R, void>;

/** Runs every pass, one after another. */
export function allSteps<R>(steps: DiagnosisSteps<R>): R {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the passes with `between` awaited after each; null once `cancelled` says so after a pass (the
 * passes left are not run).
 */
export async function stepsUnlessCancelled<R>(steps: DiagnosisSteps<R>, between: () => Promise<void>, cancelled: () => boolean): Promise<R | null> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await between();
    if (cancelled()) {
      steps.return(undefined as never);
      return null;
    }
  }
}
