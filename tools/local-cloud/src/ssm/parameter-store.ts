import type { AwsError } from '../aws-error.js';
import { SecureStringCipher } from './secure-string-cipher.js';
import type { ParameterReference } from './parameter-reference.js';
import { parameterMaxVersionLimitExceeded, parameterVersionNotFound } from './ssm-errors.js';

/** The parameter types Parameter Store knows. */
export const PARAMETER_TYPES = ['String', 'StringList', 'SecureString'] as const;
/** One of {@link PARAMETER_TYPES}. */
export type ParameterType = (typeof PARAMETER_TYPES)[number];
/** The storage tier a version lives in (Intelligent-Tiering resolves to one of these). */
export type ParameterTier = 'Standard' | 'Advanced';
/** Versions kept per parameter; older ones are dropped. */
export const MAX_VERSIONS = 100;
/** The key SecureStrings are encrypted with when the caller names none. */
export const DEFAULT_KEY_ID = 'alias/aws/ssm';

/** A resource tag, as the API carries it. */
export interface ParameterTag {
  Key: string;
  Value: string;
}

/** What a PutParameter call decides about the new version. */
export interface VersionDraft {
  type: ParameterType;
  value: string;
  keyId: string | undefined;
  description: string | undefined;
  allowedPattern: string | undefined;
  dataType: string;
  tier: ParameterTier;
}

/** One stored version of a parameter. */
export interface ParameterVersion extends Readonly<VersionDraft> {
  readonly name: string;
  readonly version: number;
  /** The opaque ciphertext answered for a SecureString read without decryption. */
  readonly ciphertext: string | undefined;
  /** Epoch milliseconds. */
  readonly lastModifiedDate: number;
  labels: string[];
}

/** A parameter: its versions, oldest first, and its tags (key → value, in the order first added). */
export interface StoredParameter {
  readonly name: string;
  readonly versions: ParameterVersion[];
  readonly tags: Map<string, string>;
}

const byName = (a: StoredParameter, b: StoredParameter): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * The in-memory Parameter Store of one local cloud: parameters by their canonical name (see
 * `canonicalName`), each with up to 100 versions and its tags, which go with it when it is
 * deleted. It owns the SecureString cipher so each instance's ciphertexts are its own.
 *
 * Every operation runs to completion on the event loop before the next one starts, so
 * concurrent requests on one parameter see each other's changes whole, in arrival order.
 *
 * @example
 * const store = new ParameterStore();
 * store.addVersion('/app/url', { type: 'String', value: 'x', ... });
 */
export class ParameterStore {
  readonly #parameters = new Map<string, StoredParameter>();
  readonly #cipher = new SecureStringCipher();

  /** The parameter kept under `name` (a canonical name). */
  get(name: string): StoredParameter | undefined {
    return this.#parameters.get(name);
  }

  /** Every parameter, ordered by name (AWS leaves the order undefined; tests want it fixed). */
  list(): StoredParameter[] {
    return [...this.#parameters.values()].sort(byName);
  }

  /** Removes a parameter with all its versions and tags; false when there was none. */
  delete(name: string): boolean {
    return this.#parameters.delete(name);
  }

  /** The parameter a reference names, or the caller's not-found error. */
  find(reference: ParameterReference, notFound: () => AwsError): StoredParameter {
    const found = reference.valid ? this.get(reference.name) : undefined;
    if (!found) throw notFound();
    return found;
  }

  /** The version a reference selects (the latest unless `:version` or `:label`). */
  resolve(reference: ParameterReference, notFound: () => AwsError): ParameterVersion {
    const parameter = this.find(reference, notFound);
    const { versions } = parameter;
    if (reference.version !== undefined) {
      const chosen = versions.find((v) => v.version === reference.version);
      if (!chosen) throw parameterVersionNotFound(reference.requested, reference.version);
      return chosen;
    }
    if (reference.label !== undefined) {
      const label = reference.label;
      const chosen = versions.find((v) => v.labels.includes(label));
      if (!chosen) throw notFound();
      return chosen;
    }
    return latestVersion(parameter);
  }

  /**
   * Stores a new version (1 for a new parameter, previous + 1 otherwise), dropping the oldest
   * past {@link MAX_VERSIONS} unless it carries a label (ParameterMaxVersionLimitExceeded).
   * `tags` are given to a new parameter only (PutParameter refuses Tags on an overwrite).
   */
  addVersion(name: string, draft: VersionDraft, tags: ReadonlyMap<string, string> = new Map()): ParameterVersion {
    const parameter = this.#parameters.get(name) ?? { name, versions: [], tags: new Map(tags) };
    const oldest = parameter.versions[0];
    if (oldest && parameter.versions.length >= MAX_VERSIONS && oldest.labels.length > 0) {
      throw parameterMaxVersionLimitExceeded(name, oldest.version);
    }
    const previous = parameter.versions.at(-1);
    const version: ParameterVersion = {
      ...draft,
      name,
      version: (previous?.version ?? 0) + 1,
      ciphertext:
        draft.type === 'SecureString' ? this.#cipher.encrypt(draft.value, draft.keyId ?? DEFAULT_KEY_ID) : undefined,
      lastModifiedDate: Date.now(),
      labels: [],
    };
    parameter.versions.push(version);
    if (parameter.versions.length > MAX_VERSIONS) parameter.versions.shift();
    this.#parameters.set(name, parameter);
    return version;
  }
}

/** The newest version of a parameter (a stored parameter always has one). */
export const latestVersion = (parameter: StoredParameter): ParameterVersion => {
  const latest = parameter.versions.at(-1);
  if (!latest) throw new Error(`Parameter ${parameter.name} has no version.`);
  return latest;
};
