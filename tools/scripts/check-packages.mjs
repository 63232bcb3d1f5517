#!/usr/bin/env node
// Checks that every @platform package packs for publishing: `npm pack --dry-run` must list the
// built entry point and its type declarations, and no sources or tests. Run after the build
// (`npm run check:packages` does both).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const problems = [];
for (const name of readdirSync(join(root, 'packages')).sort()) {
  const dir = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const files = JSON.parse(output)[0].files.map((file) => file.path);
  const need = ['dist/index.js', 'dist/index.d.ts', 'package.json', 'README.md'];
  for (const file of need)
    if (!files.includes(file)) problems.push(`${manifest.name}: ${file} missing from the package`);
  for (const file of files)
    if (/^(src|test)\//.test(file)) problems.push(`${manifest.name}: ${file} should not be published`);
  console.log(`${manifest.name}@${manifest.version}: ${files.length} files`);
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('every package packs with dist and types');
