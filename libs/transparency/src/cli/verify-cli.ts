import { readFileSync } from 'node:fs';
import { verifyEvidencePack, type EvidenceVerification } from '../evidence/verify-evidence';

/**
 * `npm run verify -- --evidence FILE [--checkpoint FILE] [--consistency FILE] [--keys FILE]`:
 * verify an evidence pack offline, with no database and no network (docs/integrity.md).
 * Exit 0: valid. 1: the evidence does not hold (each reason printed). 2: the command was used
 * wrongly or a file could not be read.
 */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = 'usage: npm run verify -- --evidence FILE [--checkpoint FILE] [--consistency FILE] [--keys FILE]';
const OPTIONS = ['--evidence', '--checkpoint', '--consistency', '--keys'] as const;
type Option = (typeof OPTIONS)[number];

export function runVerifyCli(
  argv: readonly string[],
  output: CliOutput,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): number {
  const files = new Map<Option, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i] as Option;
    const value = argv[i + 1];
    if (!OPTIONS.includes(name) || value === undefined || value.startsWith('--') || files.has(name)) {
      output.err(
        `${argv[i] === undefined ? 'nothing given' : `unexpected ${argv[i]}${value === undefined ? ' (no file after it)' : ''}`}\n${USAGE}`,
      );
      return 2;
    }
    files.set(name, value);
  }
  const evidencePath = files.get('--evidence');
  if (!evidencePath) {
    output.err(`--evidence FILE is required\n${USAGE}`);
    return 2;
  }
  const documents = new Map<Option, unknown>();
  for (const [option, path] of files) {
    try {
      documents.set(option, JSON.parse(readFile(path)) as unknown);
    } catch (error) {
      output.err(
        `${option} ${path}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`,
      );
      return 2;
    }
  }
  const result = verifyEvidencePack(documents.get('--evidence'), {
    ...(documents.has('--checkpoint') ? { earlier: documents.get('--checkpoint') } : {}),
    ...(documents.has('--consistency') ? { consistency: documents.get('--consistency') } : {}),
    ...(documents.has('--keys') ? { trustedKeys: documents.get('--keys') } : {}),
  });
  report(result, evidencePath, output);
  return result.valid ? 0 : 1;
}

function report(result: EvidenceVerification, path: string, output: CliOutput): void {
  const { subject } = result;
  const which = subject
    ? ` complaint ${subject.complaintId}${subject.reference ? ` (reference ${subject.reference})` : ''}, ${subject.events} event${subject.events === 1 ? '' : 's'}`
    : '';
  if (result.valid) {
    output.out(`VALID: ${path}:${which} verified`);
    for (const fact of result.facts) output.out(`  ✓ ${fact}`);
    for (const note of result.notCovered) output.out(`  ! not verified: ${note}`);
    return;
  }
  output.err(`INVALID: ${path}${which ? `:${which}` : ''}`);
  for (const problem of result.problems) output.err(`  ✗ [${problem.kind}] ${problem.message}`);
  for (const fact of result.facts) output.err(`  ✓ ${fact}`);
  for (const note of result.notCovered) output.err(`  ! not verified: ${note}`);
}
