export type ElectronBinary =
  | { found: true; path: string; source: 'ELECTRON_BIN' | 'path.txt' | 'dist' }
  | { found: false; reason: string; looked: string[] };

export type LaunchMode = { mode: 'electron'; binary: string } | { mode: 'web'; message: string };

export function defaultExecutableName(platform?: NodeJS.Platform | 'mas'): string;

export function findElectronBinary(options: {
  projectDir: string;
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
}): ElectronBinary;

export function chooseLaunchMode(env: Record<string, string | undefined>, detection: ElectronBinary): LaunchMode;
