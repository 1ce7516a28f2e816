/**
 * Services the benches start as child processes: `node <args>` on a free port, timed from spawn
 * to its first 200 on GET /health, and the compiled API built once per bench run.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { freePort } from '../support/src/free-port';

const REPO_ROOT = resolve(__dirname, '../..');

export interface Started {
  child: ChildProcess;
  port: number;
  /** From spawn to the first 200 on /health. */
  ms: number;
  exited: Promise<number | null>;
}

/** One status for GET /health, or undefined when nothing answers yet. */
function health(port: number): Promise<number | undefined> {
  return new Promise((done) => {
    const req = request({ host: '127.0.0.1', port, path: '/health', agent: false }, (res) => {
      res.resume();
      done(res.statusCode);
    });
    req.on('error', () => done(undefined));
    req.end();
  });
}

/** Spawn `node <args>` (PORT, PATH, HOME and `env`) and wait for its first 200 on /health, polled every `pollMs`. */
export async function spawnUntilHealthy(
  args: readonly string[],
  env: Record<string, string>,
  pollMs = 5,
): Promise<Started> {
  const port = await freePort();
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`${args.join(' ')} exited before answering /health: ${stderr}`);
    if ((await health(port)) === 200) break;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return { child, port, ms: Number(process.hrtime.bigint() - started) / 1e6, exited };
}

export async function stop(started: Started): Promise<void> {
  started.child.kill('SIGTERM');
  await started.exited;
}

let built: string | undefined;
/** `npm run build` (dist/), once per bench run whichever bench asks first; its summary line. */
export function buildOnce(): string {
  if (built === undefined) {
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'tools/build.mjs')], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`npm run build failed: ${result.stderr}`);
    built = result.stdout.trim();
  }
  return built;
}
