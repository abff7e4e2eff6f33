// Is the built app older than its sources? `npm run web` and `npm start` rebuild only when it is, so a second
// start is instant.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/** True when `builtFile` is missing or older than any file under the source folders or the config files. */
export function needsBuild(root, builtFile, sources = ['src', 'electron.vite.config.mts', 'package.json']) {
  const target = join(root, builtFile);
  if (!existsSync(target)) return true;
  const builtAt = statSync(target).mtimeMs;
  return sources.some((s) => {
    const path = join(root, s);
    if (!existsSync(path)) return false;
    return (statSync(path).isDirectory() ? newestMtime(path) : statSync(path).mtimeMs) > builtAt;
  });
}
