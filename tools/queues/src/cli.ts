#!/usr/bin/env node
import { main } from './main.js';

// The SDK's notice about future Node.js versions is noise in an ops tool's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
