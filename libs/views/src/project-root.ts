import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (the folder whose package.json is Ratify's). Templates and static assets are read
 * from the source tree, so this works the same from `dist/` (npm start), from tsx and from Jest.
 */
export function projectRoot(from = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'ratify') return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find Ratify's package.json above ${from}`);
  }
}
