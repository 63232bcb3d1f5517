/**
 * @platform/db on embedded PostgreSQL: a warm invocation's query with the container's connection
 * reused (what @platform/db does) against opening and closing the connection in every invocation
 * (the pattern of Sequelize's Lambda guide).
 * Usage: `npx tsx --conditions=@platform/source bench/db-reuse.ts [invocations]`. Prints, asserts nothing.
 */
import { startPostgres } from '../tools/local-cloud/src/index.js';
import { dbSettingsSchema, defineDatabase } from '../packages/db/src/index.js';
import { describeMicros, percentile, timeEach } from './stats.js';

const INVOCATIONS = Number(process.argv[2] ?? 500);
const server = await startPostgres();
const settings = dbSettingsSchema.parse({ url: server.url });
const quiet = { info: () => undefined, warn: () => undefined };

const invocation = async (database: ReturnType<typeof defineDatabase>) => {
  const { sequelize } = await database.get(settings);
  await sequelize.query('SELECT 1 AS one');
};

const reused = defineDatabase({ define: () => ({}), logger: quiet });
const reuseTimes = await timeEach(() => invocation(reused), INVOCATIONS, 20);
await reused.close();

const reconnecting = defineDatabase({ define: () => ({}), logger: quiet });
const reconnectTimes = await timeEach(
  async () => {
    await invocation(reconnecting);
    await reconnecting.close(); // the guide's "close the connection at the end of every invocation"
  },
  INVOCATIONS,
  20,
);

console.log(`@platform/db: SELECT 1 per invocation on embedded PostgreSQL, ${INVOCATIONS} warm invocations each`);
console.log(`connection reused       ${describeMicros(reuseTimes)}`);
console.log(`reconnect every time    ${describeMicros(reconnectTimes)}`);
console.log(
  `gain                    ${(percentile(reconnectTimes, 50) / percentile(reuseTimes, 50)).toFixed(1)}× faster at p50 with reuse`,
);
await server.stop();
