import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findMarkers, type Finding } from './markers';

/**
 * Every byte of every file under `dir` (the embedded store's DATA_DIR: heap files, free space
 * and dead rows included, the WAL, the control files), searched for the markers. Values the
 * database compressed (TOAST, over about 2 kB) hide their bytes from this scan: scanHeapPages
 * reads those decompressed.
 */
export function scanFiles(dir: string, markers: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (stat.isFile()) {
      findings.push(...findMarkers(readFileSync(path), markers, `file ${relative(dir, path)}`));
    }
  };
  walk(dir);
  return findings;
}

/** How many files and bytes a scan of `dir` reads: a scan that read nothing proves nothing. */
export function filesUnder(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) walk(join(path, entry));
    else if (stat.isFile()) {
      files++;
      bytes += stat.size;
    }
  };
  walk(dir);
  return { files, bytes };
}
