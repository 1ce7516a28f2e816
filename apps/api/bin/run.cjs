#!/usr/bin/env node
// Runs the API's TypeScript directly (no build step): @swc-node/register compiles on load with
// decorator metadata (Nest's dependency injection needs it) and resolves the tsconfig paths
// (@complaints/*). Usage: node apps/api/bin/run.cjs <main|token> [args...]
'use strict';
const path = require('node:path');

const entries = { main: '../src/main.ts', token: '../src/cli/token.ts' };
const [entry, ...args] = process.argv.slice(2);
if (!entries[entry]) {
  process.stderr.write(`usage: run.cjs <${Object.keys(entries).join('|')}> [args...]\n`);
  process.exit(2);
}
process.env.TS_NODE_PROJECT = path.join(__dirname, '..', 'tsconfig.json');
process.argv = [process.argv[0], path.join(__dirname, entries[entry]), ...args];
require('@swc-node/register');
require(entries[entry]);
