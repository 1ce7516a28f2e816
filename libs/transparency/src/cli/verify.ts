import { runVerifyCli } from './verify-cli';

// The entry point of `npm run verify` (package.json): the arguments after `--`.
process.exitCode = runVerifyCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
