import fs from 'node:fs';
import { PGlite, type Extension } from '@electric-sql/pglite';

/*
 * Why this file exists (read from PGlite 0.5.16's source; tests/embedded-durability.int.spec.ts pins it):
 *   1. PGlite starts PostgreSQL with `-F` (fsync off) in `PGlite.defaultStartParams`.
 *   2. Even with fsync on, nothing reaches the disk: PostgreSQL's default WAL sync on Linux is
 *      fdatasync(), which Emscripten implements as a stub that returns 0; fsync() becomes WASI
 *      `fd_sync`, which calls `stream_ops.fsync` — and Emscripten's NODEFS has none.
 * So: start without `-F`, with `wal_sync_method=fsync` (every sync goes through fd_sync), and give
 * NODEFS a `stream_ops.fsync` that syncs the real file descriptor — installed through PGlite's
 * public extension hook (an extension may amend the Emscripten options: a preRun step runs before
 * PostgreSQL starts, so recovery and the first commit are covered). One sync per commit.
 */

/** The parts of Emscripten's NODEFS this relies on. */
interface NodeFsStream {
  nfd?: number;
  node: { mode: number };
}
interface EmscriptenNodeFs {
  stream_ops: { fsync?: (stream: NodeFsStream) => number };
  tryFSOperation: <T>(operation: () => T) => T;
  realPath: (node: NodeFsStream['node']) => string;
}
interface EmscriptenModule {
  NODEFS?: EmscriptenNodeFs;
  FS: { isDir(mode: number): boolean };
}

/** PGlite's start parameters with fsync on and every WAL sync as an fsync() call. */
export const DURABLE_START_PARAMS: readonly string[] = [
  ...PGlite.defaultStartParams.filter((parameter) => parameter !== '-F'),
  '-c',
  'wal_sync_method=fsync',
];

const ours = Symbol('complaints.syncingFsync');

/**
 * A sync of the real file. Called through the `fs` module object (not a named import) so that
 * the tests' instrumented fs sees it. A data file needs only fdatasync (it also flushes a changed
 * size); a directory gets fsync, for its entries.
 */
function syncStream(mod: EmscriptenModule, nodefs: EmscriptenNodeFs, stream: NodeFsStream): number {
  nodefs.tryFSOperation(() => {
    if (typeof stream.nfd === 'number') {
      if (mod.FS.isDir(stream.node.mode)) fs.fsyncSync(stream.nfd);
      else fs.fdatasyncSync(stream.nfd);
      return;
    }
    const fd = fs.openSync(nodefs.realPath(stream.node), 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  });
  return 0;
}

function installDiskFsync(mod: EmscriptenModule): void {
  const nodefs = mod.NODEFS;
  if (!nodefs?.stream_ops || typeof nodefs.tryFSOperation !== 'function' || typeof nodefs.realPath !== 'function') {
    throw new Error(
      'PGlite changed: its Emscripten NODEFS is not where the embedded store expects it, so commits cannot be made durable',
    );
  }
  if (nodefs.stream_ops.fsync) {
    throw new Error(
      'PGlite changed: NODEFS now has an fsync of its own; check that it reaches the disk and drop disk-fsync.ts',
    );
  }
  const fsync = (stream: NodeFsStream) => syncStream(mod, nodefs, stream);
  Object.defineProperty(fsync, ours, { value: true });
  nodefs.stream_ops.fsync = fsync;
}

/** Pass as `extensions: { diskFsync }` to PGlite.create, with DURABLE_START_PARAMS. */
export const diskFsync: Extension = {
  name: 'complaints-disk-fsync',
  setup: async (_pg, emscriptenOpts: { preRun?: unknown[] }) => ({
    emscriptenOpts: { ...emscriptenOpts, preRun: [...(emscriptenOpts.preRun ?? []), installDiskFsync] },
  }),
};

/**
 * Refuse to serve a store that is not durable after all (a PGlite upgrade that moved things):
 * the settings PostgreSQL actually runs with, and our fsync still in place.
 */
export async function assertDurable(db: PGlite): Promise<void> {
  const setting = async (name: string) =>
    (await db.query<{ setting: string }>(`SELECT current_setting('${name}') AS setting`)).rows[0]?.setting;
  const fsyncSetting = await setting('fsync');
  const walSyncMethod = await setting('wal_sync_method');
  const installed = (db.Module as unknown as EmscriptenModule).NODEFS?.stream_ops.fsync;
  if (fsyncSetting !== 'on' || walSyncMethod !== 'fsync' || !installed || !(ours in installed)) {
    throw new Error(
      `PGlite changed: the embedded store asked for durable commits but runs with fsync=${fsyncSetting}, ` +
        `wal_sync_method=${walSyncMethod}, ${installed && ours in installed ? 'with' : 'without'} its disk fsync`,
    );
  }
}
