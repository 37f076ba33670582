/**
 * A capture set opened in the editor is named by one URI, so that the language server's store keys it
 * like any capture: `handshake-lens-set:/folder` is the folder's captures, `…?<list>` the files chosen
 * in it (absolute paths, as base64url JSON: no character VS Code's URI encoding would change). The
 * server reads the files itself, as for `file:` captures.
 */
export const CAPTURE_SET_SCHEME = 'handshake-lens-set';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

function encodedPath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** The set of a folder's captures (`files` empty), or of these files, shown under `folder`'s name. */
export function captureSetUri(folder: string, files: readonly string[] = []): string {
  const base = `${CAPTURE_SET_SCHEME}:${encodedPath(folder.startsWith('/') ? folder : `/${folder}`)}`;
  return files.length === 0 ? base : `${base}?${toBase64Url(JSON.stringify(files))}`;
}

/** The paths a set URI names (one folder, or its files); null for a URI of another scheme, or garbled. */
export function captureSetPaths(uri: string): string[] | null {
  if (!uri.startsWith(`${CAPTURE_SET_SCHEME}:`)) return null;
  const rest = uri.slice(CAPTURE_SET_SCHEME.length + 1).replace(/#.*$/, '');
  const query = rest.indexOf('?');
  try {
    const folder = decodeURIComponent(query < 0 ? rest : rest.slice(0, query));
    if (query < 0) return [folder.replace(/^\/\/(?=\/)/, '')];
    const files: unknown = JSON.parse(fromBase64Url(decodeURIComponent(rest.slice(query + 1))));
    if (!Array.isArray(files) || files.length === 0 || !files.every((file) => typeof file === 'string' && file.length > 0)) return null;
    return files as string[];
  } catch {
    return null;
  }
}
