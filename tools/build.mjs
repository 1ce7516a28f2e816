#!/usr/bin/env node
// `npm run build`: compiles the apps and libs to dist/ with @swc/core, for `npm run start:prod`
// and `npm run worker:prod` (which then need only the production dependencies).
//
// dist/ mirrors the repository's layout (dist/apps/api/src/main.js, dist/libs/pages/templates/…),
// so every `__dirname`-relative read (templates, the stylesheet, JSON schemas, letter templates,
// the calendar data) finds its file next to the compiled code, as it does in the sources.
// The compile options are the ones @swc-node/register derives from tsconfig.base.json (the
// development start and the tests): legacy decorators with decorator metadata (Nest's dependency
// injection reads the constructor parameter types from it), ES2022 class fields, CommonJS.
// The tsconfig path aliases (@complaints/*) are rewritten to relative requires of the compiled
// files; an alias left over fails the build.
import { transformFile } from '@swc/core';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// `node tools/build.mjs [outDir]`: dist/ by default; the production-build spec builds into its own
// directory under the repository (where node_modules is found from the compiled files).
const out = resolve(root, process.argv[2] ?? 'dist');

// What runs in production: the source folders of the apps and libs. Tests, specs and the
// testing helpers are left out (they import devDependencies).
const SOURCE_DIRS = ['apps/api/src', 'apps/worker/src', ...libDirs().map((dir) => `${dir}/src`)];
// Files read at run time that live beside the sources rather than in them.
const ASSET_DIRS = ['libs/pages/templates', 'libs/documents/letter-templates', 'libs/contracts/schemas'];

function libDirs() {
  const dirs = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const sub = `${dir}/${entry.name}`;
      if (existsSync(join(root, sub, 'project.json'))) dirs.push(sub);
      else walk(sub);
    }
  };
  walk('libs');
  return dirs;
}

const excluded = (rel) =>
  rel.endsWith('.spec.ts') || rel.split('/').some((part) => part === 'testing' || part === 'tests');

function filesUnder(dir) {
  const found = [];
  const walk = (rel) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const sub = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(sub);
      else found.push(sub);
    }
  };
  walk(dir);
  return found;
}

// tsconfig.base.json's paths: alias → the compiled file (dist/…/index.js) it stands for.
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const aliases = new Map(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    alias,
    join(out, target.replace(/\.ts$/, '.js')),
  ]),
);

function rewriteAliases(code, outFile, sourceFile) {
  return code.replace(/require\("(@complaints\/[^"]+)"\)/g, (match, alias) => {
    const target = aliases.get(alias);
    if (!target) throw new Error(`${sourceFile}: unknown path alias ${alias}`);
    if (!existsSync(target.replace(out, root).replace(/\.js$/, '.ts')))
      throw new Error(`${sourceFile}: ${alias} points at a missing file`);
    let rel = relative(dirname(outFile), target).split(sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `require(${JSON.stringify(rel)})`;
  });
}

const swcOptions = {
  swcrc: false,
  configFile: false,
  sourceMaps: true,
  module: { type: 'commonjs', ignoreDynamic: false },
  jsc: {
    target: 'es2022',
    keepClassNames: true,
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
  },
};

async function build() {
  const started = Date.now();
  rmSync(out, { recursive: true, force: true });
  let compiled = 0;
  let copied = 0;
  for (const dir of SOURCE_DIRS) {
    for (const rel of filesUnder(dir)) {
      if (excluded(rel)) continue;
      const dest = join(out, rel);
      mkdirSync(dirname(dest), { recursive: true });
      if (rel.endsWith('.ts')) {
        const jsFile = dest.replace(/\.ts$/, '.js');
        const { code, map } = await transformFile(join(root, rel), {
          ...swcOptions,
          filename: join(root, rel),
          outputPath: jsFile,
        });
        const name = jsFile.split(sep).pop();
        writeFileSync(jsFile, `${rewriteAliases(code, jsFile, rel)}\n//# sourceMappingURL=${name}.map\n`);
        if (map) writeFileSync(`${jsFile}.map`, map);
        compiled += 1;
      } else if (!rel.endsWith('.md')) {
        // Data read at run time or imported as JSON (resolveJsonModule), the stylesheet.
        cpSync(join(root, rel), dest);
        copied += 1;
      }
    }
  }
  for (const dir of ASSET_DIRS) {
    cpSync(join(root, dir), join(out, dir), { recursive: true });
    copied += filesUnder(dir).length;
  }
  // Marks dist/ as CommonJS whatever an enclosing package.json says.
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'commonjs', private: true }, null, 2)}\n`);
  process.stdout.write(
    `build: ${compiled} files compiled, ${copied} copied to ${relative(root, out)}/ in ${Date.now() - started} ms\n`,
  );
}

build().catch((error) => {
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
