/**
 * `npm run docs:config`: writes the README's configuration table (between its config markers)
 * from apps/api/src/config/config-variables.ts, the one place the variables are described.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withConfigTable } from '../src/config/config-variables';

const readmePath = resolve(__dirname, '../../../README.md');
const before = readFileSync(readmePath, 'utf8');
const after = withConfigTable(before);
if (after !== before) writeFileSync(readmePath, after);
process.stdout.write(
  after === before ? 'README.md: configuration table already up to date\n' : 'README.md: configuration table written\n',
);
