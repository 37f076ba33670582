/**
 * The editor's webview state (VS Code's getState/setState), one named part per concern: the filter, the
 * columns, the time display. Each part is written beside the others, never over them, and read back as
 * untrusted: the state may come from an older version of the page.
 */

export interface WebviewStateStore {
  getState(): unknown;
  setState(state: unknown): void;
}

/** The saved value of one part, or undefined when the state holds no object there. */
export function readStatePart(store: WebviewStateStore, part: string): Record<string, unknown> | undefined {
  const state = store.getState();
  const value = state && typeof state === 'object' ? (state as Record<string, unknown>)[part] : undefined;
  return value && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

export function writeStatePart(store: WebviewStateStore, part: string, value: unknown): void {
  const state = store.getState();
  store.setState({ ...(state && typeof state === 'object' ? state : {}), [part]: value });
}
