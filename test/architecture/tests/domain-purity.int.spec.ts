import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The lint configuration is the guard of the architecture: these tests prove it bites. Each
 * snippet is linted as if it were a file of the domain library, with the repository's own
 * eslint.config.mjs, so removing a rule from the config makes a test here fail.
 */
const root = resolve(__dirname, '../../..');
const domainFile = resolve(root, 'libs/domain/src/complaint/__lint_probe__.ts');
const contractsFile = resolve(root, 'libs/contracts/src/__lint_probe__.ts');
const adapterFile = resolve(root, 'libs/adapters/postgres/src/__lint_probe__.ts');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the domain stays pure (lint)', () => {
  it.each([
    ["import { Injectable } from '@nestjs/common';", 'Nest'],
    ["import { Pool } from 'pg';", 'the PostgreSQL driver'],
    ["import { PGlite } from '@electric-sql/pglite';", 'PGlite'],
    ["import { EventStoreDBClient } from '@eventstore/db-client';", 'the EventStoreDB client'],
    ["import { Kafka } from 'kafkajs';", 'Kafka'],
    ["import { readFileSync } from 'node:fs';", 'the file system'],
    ["import { readFileSync } from 'fs';", 'the file system (bare specifier)'],
  ])('refuses %s (%s)', async (code) => {
    const messages = await messagesFor(`${code}\nexport const x = 1;\n`, domainFile);
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it.each([
    ['export const t = Date.now();', 'Date.now()'],
    ['export const t = new Date();', 'new Date() with no argument'],
    ['export const r = Math.random();', 'Math.random()'],
    ['export const e = process.env.X;', 'process'],
  ])('refuses reading the clock or the environment: %s', async (code) => {
    const messages = await messagesFor(code, domainFile);
    expect(messages.some((m) => m.startsWith('no-restricted-syntax'))).toBe(true);
  });

  it('allows parsing a given timestamp (time that arrives on the command)', async () => {
    const messages = await messagesFor("export const t = new Date('2026-01-05T10:00:00Z');\n", domainFile);
    expect(messages).toEqual([]);
  });

  it('applies the same purity to the contracts library', async () => {
    const messages = await messagesFor("import { Pool } from 'pg';\nexport const t = Date.now();\n", contractsFile);
    expect(messages.filter((m) => m.startsWith('no-restricted'))).toHaveLength(2);
  });

  it('lets adapters use I/O (the rule is scoped, not global)', async () => {
    const messages = await messagesFor("import { Pool } from 'pg';\nexport const p = Pool;\n", adapterFile);
    expect(messages.filter((m) => m.startsWith('no-restricted'))).toEqual([]);
  });
});

describe('module boundaries (lint)', () => {
  it('forbids the domain from importing the event store or an adapter', async () => {
    const messages = await messagesFor(
      "import { MAX_EVENT_BYTES } from '@complaints/event-store';\nexport const x = MAX_EVENT_BYTES;\n",
      domainFile,
    );
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('forbids the contracts from importing the domain', async () => {
    const messages = await messagesFor(
      "import { RuleViolation } from '@complaints/domain';\nexport const x = RuleViolation;\n",
      contractsFile,
    );
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it('lets the domain import the contracts', async () => {
    const messages = await messagesFor(
      "import { Stage } from '@complaints/contracts';\nexport const x = Stage;\n",
      domainFile,
    );
    expect(messages).toEqual([]);
  });
});

describe('the transparency library stays free of frameworks and databases (lint)', () => {
  const transparencyFile = resolve(root, 'libs/transparency/src/tree/__lint_probe__.ts');

  it.each([
    ["import { Injectable } from '@nestjs/common';", 'Nest'],
    ["import { Pool } from 'pg';", 'the PostgreSQL driver'],
    ["import { TransparencyLog } from '@complaints/projections';", 'the read side (its SQL)'],
  ])('refuses %s (%s): an auditor runs its verifier with neither', async (code) => {
    const messages = await messagesFor(`${code}\nexport const x = 1;\n`, transparencyFile);
    expect(
      messages.some((m) => m.startsWith('no-restricted-imports') || m.startsWith('@nx/enforce-module-boundaries')),
    ).toBe(true);
  });

  it('lets it use node:crypto (SHA-256, Ed25519)', async () => {
    const messages = await messagesFor(
      "import { createHash } from 'node:crypto';\nexport const h = createHash;\n",
      transparencyFile,
    );
    expect(messages).toEqual([]);
  });
});

describe('the reporting library stays free of Nest and the HTTP platform (lint)', () => {
  const reportingFile = resolve(root, 'libs/reporting/src/dashboard/__lint_probe__.ts');

  it.each([
    ["import { Injectable } from '@nestjs/common';", 'Nest'],
    ["import type { Request } from 'express';", 'the HTTP platform'],
    ["import { readModelProjections } from '@complaints/runtime';", 'the process wiring'],
  ])('refuses %s (%s): controllers and pages call it, never the reverse', async (code) => {
    const messages = await messagesFor(`${code}\nexport const x = 1;\n`, reportingFile);
    expect(
      messages.some((m) => m.startsWith('no-restricted-imports') || m.startsWith('@nx/enforce-module-boundaries')),
    ).toBe(true);
  });

  it('lets it query the read models (@complaints/projections)', async () => {
    const messages = await messagesFor(
      "import { queryCaseFiles } from '@complaints/projections';\nexport const q = queryCaseFiles;\n",
      reportingFile,
    );
    expect(messages).toEqual([]);
  });
});

describe('the documents library stays free of Nest, the HTTP platform and the database (lint)', () => {
  const documentsFile = resolve(root, 'libs/documents/src/pdf/__lint_probe__.ts');

  it.each([
    ["import { Injectable } from '@nestjs/common';", 'Nest'],
    ["import type { Response } from 'express';", 'the HTTP platform'],
    ["import { Pool } from 'pg';", 'the PostgreSQL driver'],
  ])('refuses %s (%s): a renderer turns a view into bytes, nothing more', async (code) => {
    const messages = await messagesFor(`${code}\nexport const x = 1;\n`, documentsFile);
    expect(
      messages.some((m) => m.startsWith('no-restricted-imports') || m.startsWith('@nx/enforce-module-boundaries')),
    ).toBe(true);
  });
});

describe('the pages library stays free of Nest, the HTTP platform and the database (lint)', () => {
  const pagesFile = resolve(root, 'libs/pages/src/views/__lint_probe__.ts');

  it.each([
    ["import { Controller } from '@nestjs/common';", 'Nest'],
    ["import type { Response } from 'express';", 'the HTTP platform'],
    ["import { Pool } from 'pg';", 'the PostgreSQL driver'],
    ["import { PGlite } from '@electric-sql/pglite';", 'PGlite'],
    ["import { openPostgresStore } from '@complaints/adapter-postgres';", 'a storage adapter'],
    ["import { startRuntime } from '@complaints/runtime';", 'the runtime wiring'],
  ])('refuses %s (%s): a page is a template rendered to a string from what the read side answered', async (code) => {
    const messages = await messagesFor(`${code}\nexport const x = 1;\n`, pagesFile);
    expect(
      messages.some((m) => m.startsWith('no-restricted-imports') || m.startsWith('@nx/enforce-module-boundaries')),
    ).toBe(true);
  });

  it('lets a page view read the reporting library (it calls the same reports as the API)', async () => {
    const messages = await messagesFor(
      "import type { SlaDashboard } from '@complaints/reporting';\nexport type D = SlaDashboard;\n",
      pagesFile,
    );
    expect(
      messages.filter((m) => m.startsWith('no-restricted') || m.startsWith('@nx/enforce-module-boundaries')),
    ).toEqual([]);
  });
});
