import type { Context } from '../context.js';
import { table } from '../format.js';
import { nameOfUrl, stageQueueUrls } from '../queue-directory.js';

/**
 * `dlq ls --stage <stage>`: every queue of the stage that is a dead-letter queue (some queue names
 * it in its RedrivePolicy), with its messages (visible / in flight) and its source queues.
 */
export const ls = async (context: Context): Promise<number> => {
  const { sqs, command } = context;
  const urls = await stageQueueUrls(sqs, command.stage);
  const rows: string[][] = [['dead-letter queue', 'visible', 'in flight', 'source queues']];
  for (const url of urls) {
    const sources = await sqs.deadLetterSources(url);
    if (sources.length === 0) continue;
    const depth = await sqs.describe(url);
    rows.push([
      nameOfUrl(url),
      String(depth.visible),
      String(depth.inFlight),
      sources.map(nameOfUrl).sort().join(', '),
    ]);
  }
  if (rows.length === 1) {
    context.out(`no dead-letter queues in stage ${command.stage} at ${sqs.where} (${urls.length} queues of the stage)`);
    return 0;
  }
  for (const line of table(rows)) context.out(line);
  return 0;
};
