import { describe, expect, it } from '@jest/globals';
import { answerLegacyRisk, drawLatencyMs, legacyStatusOf } from '../../src/core/answer-legacy-risk.js';
import { LegacyOutageError, UnknownCompanyError } from '../../src/core/errors.js';
import type { LegacyBehaviour } from '../../src/core/ports.js';
import { recordingSleep, sequence } from '../fixtures/in-memory.js';

const behaviour: LegacyBehaviour = { minLatencyMs: 2000, maxLatencyMs: 7000, failureRate: 0.1 };

describe('answerLegacyRisk', () => {
  it('answers the same status for a company every time', async () => {
    const { sleep } = recordingSleep();
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        answerLegacyRisk({ behaviour, random: sequence(i / 10, 0.5), sleep }, 'acme-42'),
      ),
    );

    expect(new Set(answers.map((answer) => answer.status)).size).toBe(1);
    expect(answers[0]).toEqual({ companyId: 'acme-42', status: legacyStatusOf('acme-42') });
  });

  it('gives both statuses across companies, about one in four indebted', () => {
    const statuses = Array.from({ length: 1000 }, (_, i) => legacyStatusOf(`company-${i}`));
    const indebted = statuses.filter((status) => status === 'indebted').length;

    expect(indebted).toBeGreaterThan(180);
    expect(indebted).toBeLessThan(320);
  });

  it('waits a latency between the bounds drawn from the random source', async () => {
    const { waits, sleep } = recordingSleep();

    for (const draw of [0, 0.5, 0.999999])
      await answerLegacyRisk({ behaviour, random: sequence(draw, 0.99), sleep }, 'c-1');

    expect(waits).toEqual([2000, 4500, 7000]);
  });

  it('keeps latencies within bounds for any draw, even when the bounds are crossed', () => {
    for (let i = 0; i < 100; i += 1) {
      const latency = drawLatencyMs({ minLatencyMs: 700, maxLatencyMs: 200, failureRate: 0 }, () => i / 100);
      expect(latency).toBeGreaterThanOrEqual(200);
      expect(latency).toBeLessThanOrEqual(700);
    }
  });

  it('throws LegacyOutageError when the second draw falls under the failure rate', async () => {
    const { sleep } = recordingSleep();

    await expect(answerLegacyRisk({ behaviour, random: sequence(0.5, 0.09), sleep }, 'c-1')).rejects.toBeInstanceOf(
      LegacyOutageError,
    );
    await expect(answerLegacyRisk({ behaviour, random: sequence(0.5, 0.1), sleep }, 'c-1')).resolves.toMatchObject({
      companyId: 'c-1',
    });
  });

  it('never fails at failure rate 0 and always fails at 1', async () => {
    const { sleep } = recordingSleep();
    const at = (failureRate: number, draw: number) =>
      answerLegacyRisk({ behaviour: { ...behaviour, failureRate }, random: sequence(0, draw), sleep }, 'c-1');

    await expect(at(0, 0)).resolves.toBeDefined();
    await expect(at(1, 0.999999)).rejects.toBeInstanceOf(LegacyOutageError);
  });

  it('throws UnknownCompanyError for ids starting with unknown-', async () => {
    const { sleep } = recordingSleep();

    await expect(answerLegacyRisk({ behaviour, random: sequence(0, 0.5), sleep }, 'unknown-7')).rejects.toBeInstanceOf(
      UnknownCompanyError,
    );
  });
});
