/**
 * One vitest configuration for every project, so that path aliases, decorator metadata
 * (NestJS needs it; esbuild cannot emit it, hence SWC) and the node environment are the same
 * everywhere. Each project's vitest.config.ts calls `projectConfig(__dirname)`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig, type UserConfig } from 'vitest/config';

const root = import.meta.dirname;

function aliasesFromTsconfig(): Record<string, string> {
  const tsconfig = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  // Longest names first: an alias also matches `name/…`, so '@complaints/projections' would
  // otherwise capture '@complaints/projections/testing'.
  return Object.fromEntries(
    Object.entries(tsconfig.compilerOptions.paths)
      .sort(([a], [b]) => b.length - a.length)
      .map(([name, [target]]) => [name, resolve(root, target!)]),
  );
}

export function projectConfig(projectDir: string, overrides: UserConfig['test'] = {}): UserConfig {
  return defineConfig({
    root: projectDir,
    plugins: [
      swc.vite({
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
      }),
    ],
    resolve: { alias: aliasesFromTsconfig() },
    test: {
      watch: false,
      environment: 'node',
      include: ['src/**/*.spec.ts', 'tests/**/*.spec.ts'],
      reporters: ['default'],
      passWithNoTests: false,
      // Generous bounds, not timings: these machines are shared and noisy (a PGlite-backed test
      // that takes 1 s alone took 13 s beside five other suites), and a test that fails because
      // the machine was busy says nothing about the product. A hang still fails, in a minute.
      testTimeout: 60_000,
      hookTimeout: 120_000,
      ...overrides,
    },
  });
}
