import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { demoShopPath } from './shop-file';

/**
 * Where `resources/` is when the caller did not say: next to the sources (`src/gateway` → the repository root;
 * the bundled `out/main` sits at the same depth), else under the working directory (npm scripts run at the
 * root). `__dirname` is not trustworthy everywhere (an ESM loader may give a relative one), hence the check.
 */
export function defaultResourcesDir(): string {
  const candidates = [
    typeof __dirname === 'string' && isAbsolute(__dirname) ? join(__dirname, '..', '..', 'resources') : null,
    join(process.cwd(), 'resources'),
  ].filter((dir): dir is string => dir !== null);
  return candidates.find((dir) => existsSync(demoShopPath(dir))) ?? candidates[0] ?? 'resources';
}
