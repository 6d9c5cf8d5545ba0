// cfsign: the command-line entry. Dispatches to one command, and turns every failure
// into one line on stderr and an exit code.
import { createRequire } from 'node:module';
import { suggestion } from './args.mjs';
import { CliError, EXIT, errorLine, exitCodeOf, usage } from './errors.mjs';
import { COMMAND_NAMES, commandHelp, overview } from './help.mjs';

const COMMANDS = {
  sign: () => import('./commands/sign.mjs'),
  'sign-cookies': () => import('./commands/sign-cookies.mjs'),
  verify: () => import('./commands/verify.mjs'),
  inspect: () => import('./commands/inspect.mjs'),
  keygen: () => import('./commands/keygen.mjs'),
  upload: () => import('./commands/upload.mjs'),
};

const io = {
  out: (text) => process.stdout.write(text),
  errStream: process.stderr,
  errIsTTY: Boolean(process.stderr.isTTY),
};

function version() {
  try {
    return createRequire(import.meta.url)('cloudfront-signer-wasm/package.json').version;
  } catch {
    return 'unknown';
  }
}

function wantsHelp(args) {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

async function main(argv) {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0] !== undefined) {
      if (!commandHelp(rest[0])) throw unknownCommand(rest[0]);
      io.out(commandHelp(rest[0]));
    } else {
      io.out(overview());
    }
    return EXIT.OK;
  }
  if (first === '--version' || first === '-V' || first === 'version') {
    io.out(`cfsign ${version()}\n`);
    return EXIT.OK;
  }
  if (first.startsWith('-')) throw usage(`unknown option ${first} (put options after the command; see cfsign --help)`);
  const load = COMMANDS[first];
  if (!load) throw unknownCommand(first);
  if (wantsHelp(rest)) {
    io.out(commandHelp(first));
    return EXIT.OK;
  }
  const command = await load();
  await command.run(rest, io);
  return EXIT.OK;
}

function unknownCommand(name) {
  return usage(`unknown command "${name}"${suggestion(name, COMMAND_NAMES)}; commands: ${COMMAND_NAMES.join(', ')} (see cfsign --help)`);
}

// `cfsign ... | head` closes stdout early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

const argv = process.argv.slice(2);
const command = COMMANDS[argv[0]] ? argv[0] : '';
try {
  process.exitCode = await main(argv);
} catch (error) {
  const hint = error instanceof CliError && error.code === 'USAGE' && command ? ` (see cfsign ${command} --help)` : '';
  process.stderr.write(`${errorLine(command, error)}${hint}\n`);
  if (process.env.CFSIGN_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = exitCodeOf(error);
}
