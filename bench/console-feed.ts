/**
 * The local console's feed under a busy `npm start`: `rate` EMF lines a second over six functions
 * for `minutes` (simulated clock), then what one poll of each view costs. Anchor in the same run:
 * a bare JSON.parse of every line, so the per-line figure reads as a ratio on a noisy machine.
 * Usage: `npx tsx --conditions=@platform/source bench/console-feed.ts [rate] [minutes]`. Prints, asserts nothing.
 */
import { createConsoleFeed } from '../tools/local-console/src/index.js';
import { invocationLine } from '../tools/local-console/test/helpers/emf-lines.js';

const RATE = Number(process.argv[2] ?? 200);
const MINUTES = Number(process.argv[3] ?? 15);
const start = Date.parse('2026-12-03T10:00:00Z');
let now = start;
const feed = createConsoleFeed({ clock: () => now });

const total = RATE * MINUTES * 60;
const stepMs = 1000 / RATE;
const lines = Array.from({ length: total }, (_, i) =>
  invocationLine(start + i * stepMs, `fn-${i % 6}`, { durationMs: (i * 37) % 250 }),
);

const anchorStarted = performance.now();
let parsed = 0;
for (const line of lines) parsed += (JSON.parse(line) as object) ? 1 : 0;
const anchorMs = performance.now() - anchorStarted;

const ingestStarted = performance.now();
for (let i = 0; i < total; i += 1) {
  now = start + i * stepMs;
  feed.ingest('risk-service', lines[i] as string);
}
const ingestMs = performance.now() - ingestStarted;

const timed = (run: () => unknown): number => {
  const started = performance.now();
  run();
  return performance.now() - started;
};
const fiveMinutes = timed(() => feed.metrics({ windowMs: 300_000, bucketMs: 10_000 }));
const fifteenMinutes = timed(() => feed.metrics({ windowMs: 900_000, bucketMs: 1_000 }));
const textFilter = timed(() => feed.logs({ text: 'fn-3' }));
const rss = process.memoryUsage().rss / 1024 / 1024;

console.log(`console feed: ${total} EMF lines (${RATE}/s for ${MINUTES} min), kept ${JSON.stringify(feed.stats())}`);
console.log(
  `  ingest        ${((ingestMs * 1000) / total).toFixed(1)} µs/line   (JSON.parse alone ${((anchorMs * 1000) / parsed).toFixed(1)} µs/line: ${(ingestMs / anchorMs).toFixed(1)}×); ${(((ingestMs / total) * RATE) / 10).toFixed(1)} % of one core at ${RATE}/s`,
);
console.log(`  Functions view, 5 min / 10 s buckets   ${fiveMinutes.toFixed(1)} ms per poll (every 2 s)`);
console.log(`  15 min / 1 s buckets                   ${fifteenMinutes.toFixed(1)} ms`);
console.log(`  Logs view, text filter                 ${textFilter.toFixed(1)} ms`);
console.log(`  RSS                                    ${rss.toFixed(0)} MiB (the lines above included)`);
