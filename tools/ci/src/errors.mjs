/** Base class of every error this tool throws; callers tell them apart with `instanceof`. */
export class CiToolError extends Error {
  /**
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, options) {
    super(message, options);
    this.name = 'CiToolError';
  }
}

/** The GitLab API could not be reached or answered something unusable (status, body or timeout). */
export class GitLabApiError extends CiToolError {
  /**
   * @param {string} message
   * @param {{ cause?: unknown, status?: number }} [options]
   */
  constructor(message, options = {}) {
    super(message, options);
    this.name = 'GitLabApiError';
    /** HTTP status when the API answered; undefined for network errors and timeouts. */
    this.status = options.status;
  }
}

/** Neither the API nor the fallback revision gives a commit to compare against. */
export class NoBaseCommitError extends CiToolError {
  /**
   * @param {string} message
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, options) {
    super(message, options);
    this.name = 'NoBaseCommitError';
  }
}
