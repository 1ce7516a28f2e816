// Lint is part of `npm test`. Its main job here is architectural: Nx module-boundary tags keep
// the dependency directions of docs/architecture (domain depends on nothing; adapters depend on
// ports, never the reverse), and the domain may not touch Nest, I/O or the clock.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const ioModules = [
  '@nestjs/*',
  'pg',
  'pg-*',
  '@electric-sql/*',
  '@eventstore/*',
  '@kurrent/*',
  'kafkajs',
  'testcontainers',
  '@testcontainers/*',
  'fs',
  'fs/*',
  'node:*',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'os',
  'path',
];

export default [
  { ignores: ['**/node_modules', '**/dist', '**/.data', '**/tmp', '**/vitest.config.mts', 'vitest.shared.mts'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: ['scope:contracts'] },
            { sourceTag: 'scope:event-store', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:domain'] },
            {
              sourceTag: 'scope:adapter',
              onlyDependOnLibsWithTags: ['scope:event-store', 'scope:contracts', 'scope:domain', 'scope:testing'],
            },
            {
              sourceTag: 'scope:testing',
              onlyDependOnLibsWithTags: ['scope:event-store', 'scope:contracts', 'scope:domain'],
            },
            { sourceTag: 'scope:transparency', onlyDependOnLibsWithTags: ['scope:event-store', 'scope:contracts'] },
            {
              sourceTag: 'scope:projections',
              onlyDependOnLibsWithTags: [
                'scope:event-store',
                'scope:contracts',
                'scope:domain',
                'scope:adapter',
                'scope:testing',
                'scope:transparency',
              ],
            },
            {
              sourceTag: 'scope:publishing',
              onlyDependOnLibsWithTags: [
                'scope:event-store',
                'scope:contracts',
                'scope:domain',
                'scope:adapter',
                'scope:projections',
                'scope:testing',
                'scope:transparency',
              ],
            },
            {
              sourceTag: 'scope:runtime',
              onlyDependOnLibsWithTags: [
                'scope:event-store',
                'scope:contracts',
                'scope:domain',
                'scope:adapter',
                'scope:projections',
                'scope:publishing',
                'scope:testing',
                'scope:transparency',
              ],
            },
            {
              sourceTag: 'scope:reporting',
              onlyDependOnLibsWithTags: [
                'scope:event-store',
                'scope:contracts',
                'scope:domain',
                'scope:adapter',
                'scope:projections',
                'scope:testing',
              ],
            },
            {
              sourceTag: 'scope:documents',
              onlyDependOnLibsWithTags: [
                'scope:reporting',
                'scope:projections',
                'scope:event-store',
                'scope:contracts',
                'scope:domain',
                'scope:transparency',
                'scope:testing',
              ],
            },
            {
              sourceTag: 'scope:pages',
              onlyDependOnLibsWithTags: [
                'scope:reporting',
                'scope:documents',
                'scope:projections',
                'scope:event-store',
                'scope:contracts',
                'scope:domain',
                'scope:transparency',
                'scope:testing',
              ],
            },
            { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The pure core: no frameworks, no I/O, no clock, no randomness. Time arrives on the command.
    files: ['libs/domain/**/*.ts', 'libs/contracts/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ioModules.map((group) => ({
            group: [group],
            message: 'The domain is pure: no frameworks, no I/O.',
          })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'The domain never reads the clock: time comes on the command.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'The domain never reads the clock: time comes on the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'The domain is deterministic.',
        },
        {
          selector: "CallExpression[callee.object.name='performance'][callee.property.name='now']",
          message: 'The domain never reads the clock.',
        },
        { selector: "MemberExpression[object.name='process']", message: 'The domain does not read the environment.' },
      ],
    },
  },
  {
    // The transparency log's pure part: an auditor's verifier runs it with no database and no framework.
    files: ['libs/transparency/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*',
            'pg',
            'pg-*',
            '@electric-sql/*',
            '@eventstore/*',
            '@kurrent/*',
            'kafkajs',
            '@complaints/adapter-*',
            '@complaints/projections',
            '@complaints/runtime',
          ].map((group) => ({
            group: [group],
            message: 'The transparency library is pure: no framework, no database.',
          })),
        },
      ],
    },
  },
  {
    // Reports are plain functions over read models: the HTTP app (and later the pages) call them.
    files: ['libs/reporting/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['@nestjs/*', 'express', 'fastify', '@complaints/runtime', '@complaints/publishing'].map(
            (group) => ({
              group: [group],
              message: 'The reporting library is Nest-free: controllers parse, call it, respond.',
            }),
          ),
        },
      ],
    },
  },
  {
    // Documents are rendered from what the read side answered: no framework, no database, no HTTP.
    files: ['libs/documents/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*',
            'express',
            'fastify',
            'pg',
            'pg-*',
            '@electric-sql/*',
            '@complaints/adapter-*',
            '@complaints/runtime',
            '@complaints/publishing',
          ].map((group) => ({
            group: [group],
            message: 'The documents library is Nest-free: it renders what the read side answered.',
          })),
        },
      ],
    },
  },
  {
    // Pages render templates to a string from what the read side answered: no framework, no database, no HTTP platform.
    files: ['libs/pages/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*',
            'express',
            'fastify',
            'pg',
            'pg-*',
            '@electric-sql/*',
            '@complaints/adapter-*',
            '@complaints/runtime',
            '@complaints/publishing',
          ].map((group) => ({
            group: [group],
            message: 'The pages library is Nest-free: it renders a page to a string; the app sends it.',
          })),
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
