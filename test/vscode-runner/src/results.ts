// The file the test runner extension writes and tools/vscode/run-suite.ts reads: the one contract
// between the extension host and the shell, so it is plain JSON with nothing VS Code specific.

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestResult {
  /** Mocha's full title: the suite titles and the test title joined by spaces. */
  title: string;
  state: TestState;
  durationMs: number;
  /** Message and stack of a failed test. */
  error?: string;
}

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  tests: TestResult[];
  /** Set when the suite could not run at all (a file that does not load, a hook that throws). */
  error?: string;
  /** VS Code's version as the extension host reports it, to show which VS Code ran the suite. */
  vscodeVersion: string;
}
