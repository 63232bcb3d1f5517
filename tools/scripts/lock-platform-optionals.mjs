#!/usr/bin/env node
// Keeps `npm ci` working when the registry in use lacks some platform builds of a package.
//
// nx and @swc/core ship their native binaries as optional per-platform packages. When the registry
// this workspace installs from has no build of the current version for another platform
// (darwin, windows, musl, ...), `npm install` leaves that optional dependency out of
// package-lock.json and `npm ci` then refuses the lock as out of sync. This script adds a
// lock entry for each missing platform package, carrying its os/cpu/libc constraints, so
// npm skips it on machines it does not fit and fetches it by name on the ones it does.
//
// Run after any `npm install` that changes nx or @swc/core: `node tools/scripts/lock-platform-optionals.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../../package-lock.json', import.meta.url);

/** Platform constraints of each native package, by name suffix. */
const PLATFORMS = {
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'freebsd-x64': { os: ['freebsd'], cpu: ['x64'] },
  'linux-arm-gnueabihf': { os: ['linux'], cpu: ['arm'] },
  'linux-ppc64-gnu': { os: ['linux'], cpu: ['ppc64'], libc: ['glibc'] },
  'linux-s390x-gnu': { os: ['linux'], cpu: ['s390x'], libc: ['glibc'] },
  'win32-ia32-msvc': { os: ['win32'], cpu: ['ia32'] },
  'linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-musl': { os: ['linux'], cpu: ['arm64'], libc: ['musl'] },
  'linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
  'linux-x64-musl': { os: ['linux'], cpu: ['x64'], libc: ['musl'] },
  'win32-arm64-msvc': { os: ['win32'], cpu: ['arm64'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};

const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;
let added = 0;
/** Packages with native per-platform optional dependencies, and the prefix of those names. */
const NATIVE = { nx: '@nx/nx-', '@swc/core': '@swc/core-' };

for (const [path, entry] of Object.entries(packages)) {
  const owner = Object.keys(NATIVE).find((name) => path.endsWith(`node_modules/${name}`));
  if (!owner || !entry.optionalDependencies) continue;
  const base = path.slice(0, -owner.length);
  for (const [name, version] of Object.entries(entry.optionalDependencies)) {
    if (!name.startsWith(NATIVE[owner])) continue;
    const key = `${base}${name}`;
    if (packages[key]) continue;
    const platform = PLATFORMS[name.slice(NATIVE[owner].length)];
    if (!platform) throw new Error(`unknown ${owner} platform package ${name}`);
    packages[key] = { version, dev: entry.dev, license: 'MIT', optional: true, ...platform };
    added += 1;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-optionals: added ${added} platform entr${added === 1 ? 'y' : 'ies'}`);
