// The CLI sets this itself (src/cli.ts); tests that call it in-process need it set before any client.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
