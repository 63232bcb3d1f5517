/** The base of every error reading a service manifest: the message names the file. */
export class ServiceManifestError extends Error {
  /** The file the error is about (the serverless.yml, or a file it includes). */
  readonly file: string;

  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServiceManifestError';
    this.file = file;
  }
}

/** The serverless.yml, or a file it includes with `${file(...)}`, does not exist. */
export class ManifestNotFoundError extends ServiceManifestError {
  constructor(file: string, includedBy?: string) {
    super(file, includedBy ? `${file} (included by ${includedBy}) does not exist.` : `${file} does not exist.`);
    this.name = 'ManifestNotFoundError';
  }
}

/** Not YAML, not a mapping, or a tag that is not a CloudFormation intrinsic. */
export class ManifestSyntaxError extends ServiceManifestError {
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(file, `${file} ${problem}`, options);
    this.name = 'ManifestSyntaxError';
  }
}

/** A Serverless variable that cannot be resolved: unknown source, missing key or parameter, a cycle. */
export class ManifestVariableError extends ServiceManifestError {
  /** The variable as written, e.g. `${param:settingsPrefix}`. */
  readonly variable: string;

  constructor(file: string, variable: string, problem: string) {
    super(file, `${variable} in ${file}: ${problem}`);
    this.name = 'ManifestVariableError';
    this.variable = variable;
  }
}
