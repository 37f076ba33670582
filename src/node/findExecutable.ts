/** Where a program would be run from: the first executable file of that name on PATH, as a shell finds it. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findExecutable(name: string, path = process.env.PATH ?? '', extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : ['']): string | null {
  for (const directory of path.split(delimiter)) {
    if (directory === '') continue;
    for (const extension of extensions) {
      const candidate = join(directory, name + extension);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not there, or not executable: the next directory.
      }
    }
  }
  return null;
}
