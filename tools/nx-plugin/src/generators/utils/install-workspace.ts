import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Keeps package-lock.json usable by `npm ci` on every platform (see the script's header). */
const LOCK_FIXER = 'tools/scripts/lock-platform-optionals.mjs';

/**
 * Runs `npm install` at the workspace root, so a generated workspace is linked into node_modules
 * and recorded in package-lock.json, then the lock fixer when the workspace has it. Output goes to
 * the terminal; a failure throws.
 *
 * @example
 * return () => installWorkspace(tree.root);
 */
export const installWorkspace = (root: string): void => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (existsSync(join(root, LOCK_FIXER))) {
    execFileSync(process.execPath, [LOCK_FIXER], { cwd: root, stdio: 'inherit' });
  }
};
