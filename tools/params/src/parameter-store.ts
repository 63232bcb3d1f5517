import {
  DeleteParameterCommand,
  GetParameterCommand,
  GetParameterHistoryCommand,
  PutParameterCommand,
  type ParameterType,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { collect, parametersByPath, retryOnThrottling, type ThrottleRetryOptions } from '@platform/aws';
import { describeAwsError, isNotFound } from './aws-errors.js';
import { ParameterStoreError } from './errors.js';

/** A parameter as the CLI works with it. */
export interface StoredParameter {
  name: string;
  /** Decrypted for a SecureString only when asked for (`decrypt`). */
  value: string;
  type: ParameterType;
  version: number;
  lastModified: Date | undefined;
}

/** A value to write. */
export interface ParameterWrite {
  name: string;
  value: string;
  type: ParameterType;
}

/** Retries of a throttled call: PutParameter's default rate is a few per second. */
export type RetryOptions = ThrottleRetryOptions;

const DEFAULT_RETRY: RetryOptions = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 5_000 };

const toStored = (parameter: {
  Name?: string;
  Value?: string;
  Type?: ParameterType;
  Version?: number;
  LastModifiedDate?: Date;
}): StoredParameter => ({
  name: parameter.Name ?? '',
  value: parameter.Value ?? '',
  type: parameter.Type ?? 'String',
  version: parameter.Version ?? 0,
  lastModified: parameter.LastModifiedDate,
});

/**
 * Parameter Store as the CLI needs it: every call retried on throttling with full-jitter back-off
 * (the SDK's own retries come first), and every failure turned into a {@link ParameterStoreError}
 * whose message says what to do (unreachable endpoint, missing credentials or region, access denied).
 *
 * @example
 * const store = new ParameterStore(ssmClient(), 'http://127.0.0.1:4566');
 * const parameters = await store.list('/platform/local/fetch-service', { decrypt: false });
 */
export class ParameterStore {
  readonly #client: SSMClient;
  readonly #where: string;
  readonly #retry: RetryOptions;

  /** `where` names the endpoint in error messages (`AWS eu-west-1`, `http://127.0.0.1:4566`). */
  constructor(client: SSMClient, where: string, retry: Partial<RetryOptions> = {}) {
    this.#client = client;
    this.#where = where;
    this.#retry = { ...DEFAULT_RETRY, ...retry };
  }

  /** Every parameter under a path, recursively, following every page. */
  list(path: string, options: { decrypt: boolean }): Promise<StoredParameter[]> {
    return this.#call(async () => {
      const parameters = await collect(
        parametersByPath(path, { client: this.#client, recursive: true, decrypt: options.decrypt }),
      );
      return parameters.map(toStored);
    });
  }

  /** One parameter, or undefined when it does not exist. */
  get(name: string, options: { decrypt: boolean }): Promise<StoredParameter | undefined> {
    return this.#call(async () => {
      try {
        const { Parameter } = await this.#client.send(
          new GetParameterCommand({ Name: name, WithDecryption: options.decrypt }),
        );
        return Parameter ? toStored(Parameter) : undefined;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }

  /** Writes (overwriting) and returns the new version. */
  put(write: ParameterWrite): Promise<number> {
    return this.#call(async () => {
      const { Version } = await this.#client.send(
        new PutParameterCommand({ Name: write.name, Value: write.value, Type: write.type, Overwrite: true }),
      );
      return Version ?? 0;
    });
  }

  /** Deletes; false when there was nothing to delete. */
  delete(name: string): Promise<boolean> {
    return this.#call(async () => {
      try {
        await this.#client.send(new DeleteParameterCommand({ Name: name }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    });
  }

  /** Every version of a parameter, oldest first (empty when it does not exist). */
  history(name: string, options: { decrypt: boolean }): Promise<StoredParameter[]> {
    return this.#call(async () => {
      const versions: StoredParameter[] = [];
      let NextToken: string | undefined;
      try {
        do {
          const page = await this.#client.send(
            new GetParameterHistoryCommand({ Name: name, WithDecryption: options.decrypt, NextToken }),
          );
          versions.push(...(page.Parameters ?? []).map(toStored));
          NextToken = page.NextToken;
        } while (NextToken);
      } catch (error) {
        if (isNotFound(error)) return [];
        throw error;
      }
      return versions;
    });
  }

  async #call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await retryOnThrottling(operation, this.#retry);
    } catch (error) {
      throw new ParameterStoreError(describeAwsError(error, this.#where), { cause: error });
    }
  }
}
