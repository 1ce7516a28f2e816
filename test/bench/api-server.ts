/**
 * The API as users call it, for the bench: `npm start`'s entry point in a child process of its
 * own (so its memory can be read from /proc), a bearer token from `npm run token` with the same
 * environment, and GETs over one keep-alive connection.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../..');
const RUN = join(REPO_ROOT, 'apps/api/bin/run.cjs');

export interface ApiServer {
  pid: number;
  port: number;
  /** GET with the bearer token, the whole body read; an error with the status and body when not 200. */
  get(path: string): Promise<Buffer>;
  /** GET with the bearer token, whatever the status: the status and the whole body. */
  fetch(path: string): Promise<{ status: number; body: Buffer }>;
  /** Resident set size of the server process now, in MB (VmRSS of /proc/<pid>/status). */
  rssMb(): number;
  stop(): Promise<void>;
}

export async function startApiServer(env: Record<string, string>, role = 'complaints_manager'): Promise<ApiServer> {
  const fullEnv = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', LOG_LEVEL: 'warn', ...env };
  const token = spawnSync(process.execPath, [RUN, 'token', '--role', role], {
    cwd: REPO_ROOT,
    env: fullEnv,
    encoding: 'utf8',
  });
  if (token.status !== 0) throw new Error(`npm run token failed: ${token.stderr}`);
  const bearer = token.stdout.trim();

  const child: ChildProcess = spawn(process.execPath, [RUN, 'main'], {
    cwd: REPO_ROOT,
    env: { ...fullEnv, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await new Promise<void>((ready, fail) => {
    let buffer = '';
    const onData = (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      if (lines.some((line) => line.includes('"msg":"listening"'))) {
        child.stdout!.off('data', onData);
        child.stdout!.resume(); // the request logs that follow are not read
        ready();
      }
    };
    child.stdout!.setEncoding('utf8').on('data', onData);
    void exited.then((code) => fail(new Error(`the API exited (${code}) before listening: ${stderr}`)));
  });

  const port = Number(env['PORT']);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const pid = child.pid!;
  const fetch = (path: string) =>
    new Promise<{ status: number; body: Buffer }>((done, fail) => {
      const req = request(
        { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${bearer}` } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        },
      );
      req.on('error', fail);
      req.end();
    });
  return {
    pid,
    port,
    fetch,
    get: async (path) => {
      const { status, body } = await fetch(path);
      if (status !== 200) throw new Error(`GET ${path}: ${status} ${body.toString('utf8').slice(0, 500)}`);
      return body;
    },
    rssMb: () => {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb === undefined ? Number.NaN : Number(kb) / 1024;
    },
    stop: async () => {
      agent.destroy();
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Wait until every read model has applied the whole log at its current version (a start may rebuild some). */
export async function waitForReadModels(api: ApiServer, onWait: (behind: string) => void): Promise<void> {
  let lastNote = 0;
  for (;;) {
    const models = await readModelStates(api);
    const behind = models.filter((m) => m.lagEvents !== '0' || m.rebuild !== null || m.version !== m.activeVersion);
    if (behind.length === 0) return;
    if (Date.now() - lastNote > 10_000) {
      lastNote = Date.now();
      onWait(
        behind
          .map((m) => `${m.name} ${m.rebuild ? `rebuilding ${m.rebuild.percent}%` : `${m.lagEvents} behind`}`)
          .join(', '),
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

interface ReadModelState {
  name: string;
  version: string;
  activeVersion: string;
  lagEvents: string;
  rebuild: { percent: number } | null;
}

async function readModelStates(api: ApiServer): Promise<ReadModelState[]> {
  return (JSON.parse((await api.get('/api/v1/admin/read-models')).toString('utf8')) as { readModels: ReadModelState[] })
    .readModels;
}
