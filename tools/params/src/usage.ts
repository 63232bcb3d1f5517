/** The CLI's help text. */
export const USAGE = `params: change a service's settings in SSM Parameter Store, validated against its schema

usage:
  params ls      <service>                 --stage <stage> [--reveal]
  params get     <service> <key>           --stage <stage> [--reveal]
  params set     <service> <key> <value>   --stage <stage> [--secure | --type String|StringList|SecureString] [--force]
  params rm      <service> <key>           --stage <stage> [--force]
  params history <service> <key>           --stage <stage> [--reveal]
  params diff    <service>                 --stage <stage> [--file params/<stage>.yml] [--prune] [--reveal]
  params apply   <service>                 --stage <stage> [--file params/<stage>.yml] [--prune] [--yes]

keys:    legacy/maxLatencyMs is the service's own key, shared/logLevel a shared one
values:  "-" reads the value from stdin (for secrets: nothing in the shell history)
options: --reveal   print SecureString values (masked as ******** otherwise)
         --yes      apply writes only with it (otherwise a dry run)
         --prune    apply also removes the service's parameters absent from the file
         --force    set/rm a parameter a stack publishes itself (a deploy overwrites it)
         --prefix   settings prefix (default: SETTINGS_PREFIX, else "platform")

Parameter Store is reached through the standard AWS environment (AWS_REGION, AWS_PROFILE or keys,
AWS_ENDPOINT_URL). On --stage local without AWS_ENDPOINT_URL, the local cloud at
http://127.0.0.1:4566 is used. Lambdas see a change within 5 minutes (their settings cache TTL).
`;
