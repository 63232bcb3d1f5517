import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Readable stack traces without `--enable-source-maps`. Node's flag reads and indexes the source
 * map of every module as it loads, on every cold start (about 25 ms and the map's size in memory
 * for a 750 KiB bundle with a 3 MiB map); this does the same only for the stacks the logger
 * writes, the first time a bundle's frame is logged: the map beside the file (`<file>.map`, as
 * esbuild writes it) is read then and kept for the container's life.
 */

/** `    at name (file:line:column)` or `    at file:line:column`; `file` may be a file URL. */
const FRAME = /^(\s+at (?:.+? \()?)(.+?):(\d+):(\d+)(\)?)$/;

/** Maps by generated file; `null`: the file has no readable map (looked for once). */
const maps = new Map<string, SourceMap | null>();

/** The largest map read: one bundle's, not an arbitrary file someone points a frame at. */
const MAX_MAP_BYTES = 64 * 1024 * 1024;

const mapOf = (file: string): SourceMap | null => {
  let map = maps.get(file);
  if (map !== undefined) return map;
  map = null;
  try {
    const text = readFileSync(`${file}.map`, 'utf8');
    if (text.length <= MAX_MAP_BYTES)
      map = new SourceMap(JSON.parse(text) as ConstructorParameters<typeof SourceMap>[0]);
  } catch {
    // No map (a file of the runtime, a bundle built without one) or an unreadable one: frames stay as they are.
  }
  maps.set(file, map);
  return map;
};

const pathOf = (location: string): string | undefined => {
  if (location.startsWith('file://')) {
    try {
      return fileURLToPath(location);
    } catch {
      return undefined;
    }
  }
  return location.startsWith('/') ? location : undefined;
};

/** One frame in terms of the sources, or as it was when its file has no map or the map no entry. */
const mapFrame = (line: string): string => {
  const match = FRAME.exec(line);
  if (!match) return line;
  const [, head = '', location = '', lineNumber = '', column = '', tail = ''] = match;
  const file = pathOf(location);
  if (!file || !/\.[cm]?js$/.test(file)) return line;
  const map = mapOf(file);
  if (!map) return line;
  const entry = map.findEntry(Number(lineNumber) - 1, Number(column) - 1) as Partial<{
    originalSource: string;
    originalLine: number;
    originalColumn: number;
  }>;
  if (!entry.originalSource || entry.originalLine === undefined || entry.originalColumn === undefined) return line;
  const source = entry.originalSource.startsWith('file://')
    ? entry.originalSource
    : resolve(dirname(file), entry.originalSource);
  return `${head}${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${tail}`;
};

/**
 * `stack` with every frame of a source-mapped file given as its source position (as
 * `--enable-source-maps` would print it). Unchanged when Node maps stacks itself
 * (`process.sourceMapsEnabled`), and for frames whose file has no map beside it.
 */
export const sourceMappedStack = (stack: string): string => {
  if (process.sourceMapsEnabled) return stack;
  return stack.split('\n').map(mapFrame).join('\n');
};

/** Forgets the maps read so far. For tests. */
export const resetSourceMaps = (): void => {
  maps.clear();
};
