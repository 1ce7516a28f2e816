#!/usr/bin/env node
// Runs the worker's TypeScript directly (no build step), like apps/api/bin/run.cjs:
// @swc-node/register compiles on load and resolves the tsconfig paths (@complaints/*).
// Usage: node apps/worker/bin/run.cjs   (or npm run worker)
'use strict';
const path = require('node:path');

process.env.TS_NODE_PROJECT = path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');
