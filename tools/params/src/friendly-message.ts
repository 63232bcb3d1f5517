interface Issue {
  code?: string;
  input?: unknown;
  expected?: string;
  format?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

const UNITS: Record<string, string> = { string: ' characters', array: ' items', set: ' items' };

const bound = (issue: Issue, limit: number | bigint | undefined, atLeast: boolean): string => {
  const unit = UNITS[issue.origin ?? ''] ?? '';
  if (issue.inclusive === false) return `must be ${atLeast ? 'greater' : 'less'} than ${limit}${unit}`;
  return `must be at ${atLeast ? 'least' : 'most'} ${limit}${unit}`;
};

/**
 * A zod error map that words the common issues for ops (`must be at most 1`, `required (not
 * set)`, `must be an integer`); anything else keeps zod's message. Never includes the value,
 * which may be a secret. Messages a schema sets itself (refinements) take precedence.
 */
export const friendlyMessage = (issue: Issue): string | undefined => {
  switch (issue.code) {
    case 'too_big':
      return bound(issue, issue.maximum, false);
    case 'too_small':
      return bound(issue, issue.minimum, true);
    case 'invalid_type':
      if (issue.input === undefined) return 'required (not set)';
      if (issue.expected === 'int') return 'must be an integer';
      if (issue.expected === 'number') return 'must be a number';
      return `must be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}`;
    case 'invalid_format':
      return issue.format ? `must be a valid ${issue.format}` : undefined;
    default:
      return undefined;
  }
};
