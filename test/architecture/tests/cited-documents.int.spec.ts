import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A comment that cites a document ("docs/integrity.md, "Keys"", "api.md "Reads"", a library's
 * README section) is only worth its reader's trust if the document is in the repository and has
 * that section. Documents outside it (a shared folder, a design note) are not: cite docs/ instead.
 */
const root = resolve(__dirname, '../../..');
const SOURCE_DIRS = ['apps', 'libs', 'test', 'tools', 'infra'];
const SOURCE_EXTENSIONS = new Set(['.ts', '.mts', '.cts', '.mjs', '.cjs', '.js']);
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.nx']);
const thisFile = relative(root, __filename);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(path);
    return SOURCE_EXTENSIONS.has(extname(entry.name)) ? [path] : [];
  });
}

/** The comments of a source file, each block joined into one line (a citation may wrap). */
function commentsOf(source: string): string[] {
  return [...source.matchAll(/\/\*[\s\S]*?\*\/|(?<![:"'`\\])\/\/[^\n]*/g)].map((m) =>
    m[0]
      .replace(/^\s*\*+\/?|^\/\*+|^\/\/+/gm, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

interface Citation {
  file: string;
  document: string;
  section: string | undefined;
}

const CITATION = /(?<![\w/.-])((?:\.{1,2}\/)*(?:[\w-]+\/)*[\w.-]+\.md)\b(?:[,:;]?\s*(?:section\s+)?["“]([^"”]+)["”])?/g;

function citationsIn(file: string): Citation[] {
  return commentsOf(readFileSync(join(root, file), 'utf8')).flatMap((comment) =>
    [...comment.matchAll(CITATION)].map((m) => ({ file, document: m[1] as string, section: m[2] })),
  );
}

/**
 * Where a cited path points: `./`, `../` from the citing file; otherwise the first that exists of
 * the repository's path, the path beside the citing file, and docs/ (`api.md` is docs/api.md).
 */
function resolveCited(citation: Citation): string {
  const { document, file } = citation;
  const besideFile = relative(root, resolve(root, dirname(file), document));
  if (document.startsWith('./') || document.startsWith('../')) return besideFile;
  const candidates = [document, besideFile, `docs/${document}`];
  return candidates.find((path) => existsSync(join(root, path))) ?? document;
}

/** A section is a heading, or a paragraph's bold lead-in (`**Keys.** …`), containing the cited words. */
function hasSection(markdown: string, section: string): boolean {
  const wanted = section.toLowerCase();
  return markdown
    .split('\n')
    .some(
      (line) =>
        (/^#{1,6}\s/.test(line) && line.toLowerCase().includes(wanted)) ||
        [...line.matchAll(/\*\*([^*]+)\*\*/g)].some((m) => (m[1] as string).toLowerCase().includes(wanted)),
    );
}

const citations = SOURCE_DIRS.filter((dir) => existsSync(join(root, dir)))
  .flatMap(sourceFiles)
  .filter((file) => file !== thisFile)
  .flatMap(citationsIn);
const where = (c: Citation) => `${c.file}: ${c.document}${c.section ? ` "${c.section}"` : ''}`;

describe('documents cited in code comments', () => {
  it('finds the citations it checks', () => {
    expect(citations.filter((c) => resolveCited(c) === 'docs/domain.md').length).toBeGreaterThan(10);
  });

  it('are in the repository, never a shared folder or a design note outside it', () => {
    const outside = citations.filter((c) => /(^|\/)(shared|design)\//.test(c.document));
    expect(outside.map(where), "cite the repository's docs/ instead").toEqual([]);
  });

  it('exist', () => {
    const missing = citations.filter((c) => !existsSync(join(root, resolveCited(c))));
    expect(missing.map(where), 'write the document in docs/, or cite the one that says it').toEqual([]);
  });

  it('have the sections the comments name', () => {
    const missing = citations.filter(
      (c) =>
        c.section !== undefined &&
        existsSync(join(root, resolveCited(c))) &&
        !hasSection(readFileSync(join(root, resolveCited(c)), 'utf8'), c.section),
    );
    expect(missing.map(where), 'name a heading (or bold lead-in) of the cited document').toEqual([]);
  });
});
