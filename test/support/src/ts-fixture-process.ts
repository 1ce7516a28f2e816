import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');

export interface FixtureExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Everything the child wrote to stderr: for the failure message when it ends unexpectedly. */
  stderr: string;
}

/**
 * Run a TypeScript fixture in a child process, the way crash tests need it: node itself with
 * tsx's loader (not the tsx CLI, which runs the script in a grandchild that a SIGKILL of the CLI
 * would leave running), from the repository root with its path aliases. Each complete stdout
 * line goes to `onLine` with the child, so the test can SIGKILL it at the moment it chooses.
 * Resolves with how the child ended; the caller decides whether that was expected.
 */
export function runTsFixture(
  fixture: string,
  args: readonly string[],
  onLine: (line: string, child: ChildProcess) => void,
  env: Readonly<Record<string, string>> = {},
): Promise<FixtureExit> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, ...args], {
      cwd: repoRoot,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.base.json'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) onLine(line, child);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise({ code, signal, stderr }));
  });
}
