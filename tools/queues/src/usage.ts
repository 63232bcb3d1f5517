/** The CLI's help text. */
export const USAGE = `dlq: list a stage's dead-letter queues and move their messages back (SQS message move tasks)

usage:
  dlq ls                    --stage <stage>
  dlq redrive <dlq>         --stage <stage> [--to <queue>] [--rate <1-500>] [--no-wait]
  dlq status  <dlq>         --stage <stage>
  dlq cancel  <dlq>         --stage <stage>

<dlq> and <queue> are a queue name, URL or ARN of the stage (named <service>-<stage>-<name>).

  ls        every DLQ of the stage: its source queues and messages (visible / in flight)
  redrive   starts a move task: each message goes back to the queue it came from, or to --to;
            waits and prints progress until the task ends (exit 0 only when COMPLETED);
            --no-wait prints the task handle and returns; --rate caps messages per second
  status    the DLQ's last 10 move tasks, newest first
  cancel    cancels the DLQ's running move task (moved messages stay moved)

Redriven messages are new messages: new message id, and the retention period starts again.
SQS is reached through the standard AWS environment (AWS_REGION, AWS_PROFILE or keys,
AWS_ENDPOINT_URL). On --stage local without AWS_ENDPOINT_URL, the local cloud at
http://127.0.0.1:4566 is used. Exit codes: 0 done, 1 refused or failed, 2 usage.
`;
