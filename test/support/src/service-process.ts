import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

// Vitest gives test modules a CommonJS-style __dirname.
const REPO_ROOT = resolve(__dirname, '../../..');

/** A service started as its own process (the worker, the API), with its JSON log lines collected. */
export interface Service {
  readonly child: ChildProcess;
  /** JSON log lines (stdout) so far. */
  readonly logs: Record<string, unknown>[];
  stderr(): string;
  /** The first log line with this `msg` (waits for it; fails if the process exits first). */
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Send a signal and wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Start `node <script> [args]` from the repository with exactly `env` (plus PATH and HOME), so
 * nothing from the test runner's environment (DATABASE_URL…) leaks in unless given.
 */
export function startService(script: string, args: string[], env: Record<string, string>, cwd = REPO_ROOT): Service {
  const child = spawn(process.execPath, [resolve(REPO_ROOT, script), ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stdoutBuffer = '';
  let stderrText = '';
  const listeners = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdoutBuffer += chunk;
    const lines = stdoutBuffer.split('\n');
    stdoutBuffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
    for (const listener of [...listeners]) listener();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderrText += chunk;
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const listener of [...listeners]) listener();
  });

  return {
    child,
    logs,
    stderr: () => stderrText,
    exited,
    waitForLog: (msg, timeoutMs = 90_000) =>
      new Promise((resolveLine, reject) => {
        const check = () => {
          const line = logs.find((entry) => entry['msg'] === msg);
          if (line) {
            finish();
            resolveLine(line);
          } else if (hasExited) {
            finish();
            reject(new Error(`${script} exited before logging "${msg}": ${stderrText}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`${script} did not log "${msg}" within ${timeoutMs} ms: ${stderrText}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      }),
    stop: async (signal = 'SIGTERM') => {
      if (!hasExited) child.kill(signal);
      return exited;
    },
  };
}
