import { z } from 'zod';

/** The payload `redriveDlq` is invoked with: `{}` moves everything, `{ "max": 100 }` at most 100. */
export const redriveDlqInput = z
  .object({ max: z.coerce.number().int().positive().optional() })
  .nullish()
  .transform((input) => input ?? {});
