import { describe, expect, it } from 'vitest';
import { readText } from './support/files';

/** The Dockerfile's stages, each with its instructions (continuation lines joined). */
function stages(text: string): { from: string; instructions: string[] }[] {
  const lines = text
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const result: { from: string; instructions: string[] }[] = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) result.push({ from: line, instructions: [] });
    else result.at(-1)?.instructions.push(line);
  }
  return result;
}

const dockerfile = stages(readText('infra/docker/Dockerfile'));
const final = dockerfile.at(-1)!;

describe('infra/docker/Dockerfile', () => {
  it('is multi-stage, every base image pinned to a version', () => {
    expect(dockerfile.length).toBeGreaterThanOrEqual(2);
    for (const { from } of dockerfile) expect(from).toMatch(/^FROM\s+[^\s:]+:(?!latest\b)\d[\w.-]*(\s+AS\s+\w+)?$/i);
  });

  it('installs exactly the locked dependencies (package-lock.json copied in before npm ci), without install scripts', () => {
    const all = dockerfile.flatMap((s) => s.instructions);
    const copyLock = all.findIndex((i) => /^COPY\s.*package-lock\.json/.test(i));
    const install = all.findIndex((i) => /^RUN\s.*\bnpm (ci|install)\b/.test(i));
    expect(copyLock).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(copyLock);
    // npm ci refuses a lockfile out of step with package.json; npm install would quietly rewrite it.
    expect(all[install]).toMatch(/\bnpm ci\b/);
    expect(all[install]).toContain('--ignore-scripts');
  });

  it('runs the final stage as a non-root user, with no install, build or test step in it', () => {
    const users = final.instructions.filter((i) => /^USER\s/i.test(i));
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^USER\s+(root|0)(:|\s|$)/i);
    expect(final.instructions.filter((i) => /^RUN\s.*\b(npm|npx|yarn|pnpm|tsc|vitest|nx)\b/.test(i))).toEqual([]);
  });

  it('builds on the current Node.js LTS (24), with `npm run build` in a stage of its own', () => {
    for (const { from } of dockerfile) expect(from).toMatch(/^FROM\s+node:24[.-]/i);
    const build = dockerfile.find((s) => s.instructions.some((i) => /^RUN\s+npm run build$/.test(i)));
    expect(build).toBeDefined();
    expect(build).not.toBe(final);
  });

  it('runs the compiled output with the production dependencies only: no sources, no devDependencies', () => {
    const installs = dockerfile.flatMap((s) => s.instructions).filter((i) => /^RUN\s.*\bnpm ci\b/.test(i));
    const production = installs.filter((i) => i.includes('--omit=dev'));
    expect(production).toHaveLength(1);
    expect(production[0]).toContain('--ignore-scripts');
    const copies = final.instructions.filter((i) => /^COPY\s/.test(i));
    const stageOf = (copy: string) => /--from=(\S+)/.exec(copy)?.[1];
    const depsStage = dockerfile.find((s) => s.instructions.includes(production[0]!));
    // node_modules comes from the --omit=dev stage, dist/ from the build stage; nothing else but the package files.
    expect(copies.find((c) => c.endsWith('./node_modules'))).toBeDefined();
    expect(depsStage?.from).toMatch(
      new RegExp(`AS\\s+${stageOf(copies.find((c) => c.endsWith('./node_modules'))!)}$`, 'i'),
    );
    expect(copies.find((c) => c.endsWith('./dist'))).toMatch(/--from=build\b/);
    expect(copies.filter((c) => !c.endsWith('./node_modules') && !c.endsWith('./dist'))).toEqual([
      'COPY --chown=root:root package.json package-lock.json ./',
    ]);
  });

  it('starts the compiled API by default and exposes the API and worker ports', () => {
    expect(final.instructions).toContain('CMD ["node", "dist/apps/api/src/main.js"]');
    expect(final.instructions.find((i) => i.startsWith('EXPOSE'))).toMatch(/\b3000\b.*\b3001\b/);
  });

  it('keeps secrets, local data and dependencies out of the build context', () => {
    const ignored = readText('infra/docker/Dockerfile.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/.data', '.env', '.env.*', '.git']));
  });
});
