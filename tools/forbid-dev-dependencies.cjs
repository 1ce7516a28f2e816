// `node --require ./tools/forbid-dev-dependencies.cjs dist/…`: runs a built service as if only
// the production dependencies were installed (`npm ci --omit=dev`, the image's runtime stage).
// A package that package-lock.json marks `"dev": true` (a devDependency, or only needed by one)
// cannot be required: the attempt fails as a missing module would, and is reported on stderr
// ("devDependency refused: …"), so a spec or the CI smoke can tell that nothing needed one.
// ES modules reach their dependencies through import, which this hook does not see; the only ES
// modules the services load are production packages (openid-client, jose), whose own
// dependencies are production packages too.
'use strict';
const Module = require('node:module');
const { readFileSync, realpathSync } = require('node:fs');
const { join, sep } = require('node:path');

const root = join(__dirname, '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
// Resolved filenames are real paths (node_modules may be a symbolic link, as in a git worktree).
const modules = realpathSync(join(root, 'node_modules'));
const devOnly = Object.entries(lock.packages)
  .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev === true)
  .map(([path]) => join(modules, path.slice('node_modules/'.length)) + sep);

// One line on loading, so a caller can tell the guard is in place.
process.stderr.write(`forbid-dev-dependencies: ${devOnly.length} packages refused\n`);

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveProductionOnly(request, parent, ...rest) {
  const filename = resolve.call(this, request, parent, ...rest);
  if (devOnly.some((dir) => filename.startsWith(dir))) {
    process.stderr.write(
      `devDependency refused: ${request} (required from ${parent?.filename ?? 'the command line'})\n`,
    );
    const error = new Error(`Cannot find module '${request}' (a devDependency: not installed in production)`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return filename;
};
