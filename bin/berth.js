#!/usr/bin/env node
// Installed entry point: runs the compiled CLI (npm run build). From a checkout, `npm run berth -- ARGS`
// runs the TypeScript sources directly.
import "../dist/cli/main.js";
