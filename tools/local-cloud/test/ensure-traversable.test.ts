import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ensureTraversable, postgresBinaryDir } from '../src/postgres/ensure-traversable.js';

describe('ensureTraversable', () => {
  const made: string[] = [];
  afterAll(async () => {
    await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('adds only the search bit for others along the path, and nothing when already there', async () => {
    const root = await mkdtemp(join(tmpdir(), 'traverse-')); // 0700, like a fresh `mktemp -d` clone
    made.push(root);
    const inner = join(root, 'a', 'b');
    await mkdir(inner, { recursive: true, mode: 0o700 });

    const changed = await ensureTraversable(inner);

    expect(changed).toEqual([root, join(root, 'a'), inner]);
    for (const dir of changed) expect((await stat(dir)).mode & 0o007).toBe(0o001);
    expect(await ensureTraversable(inner)).toEqual([]);
  });

  it('finds the embedded PostgreSQL binaries of this platform', async () => {
    expect((await stat(join(postgresBinaryDir(), 'initdb'))).isFile()).toBe(true);
  });
});
