// Entry point: parse arguments, run a subcommand, and turn every failure into one line and an exit
// code. Heavy modules (client-node, blessed) load only once a command needs them.
import fs from 'node:fs';
import { ArgError, HELP, parseArgs, type Args } from './args.js';

function version(): string {
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

async function run(args: Args): Promise<number> {
  if (args.version) {
    process.stdout.write(`kstate ${version()}\n`);
    return 0;
  }
  if (args.help || args.command === 'help') {
    const sub = args.command === 'help' ? [args.positional[0], args.positional[1]].filter(Boolean).join(' ') : args.command;
    const { subcommandHelp } = await import('./usage.js');
    const text = sub ? subcommandHelp(sub) : HELP;
    if (text === null) throw new ArgError(`unknown command "${sub}" (see kstate --help)`);
    process.stdout.write(text);
    return 0;
  }
  if (args.verbose) (await import('../kube/http.js')).setVerbose((line) => process.stderr.write(`kstate: ${line}\n`));
  switch (args.command) {
    case 'get':
      return (await import('./get.js')).get(args);
    case 'describe':
      return (await import('./describe.js')).describe(args);
    case 'check':
      return (await import('./monitor.js')).runCheck(args);
    case 'watch':
      return (await import('./monitor.js')).runWatch(args);
    case 'scale':
    case 'suspend':
    case 'resume':
    case 'restart':
    case 'trigger':
    case 'expand':
    case 'delete':
    case 'delete-pod':
    case 'force-delete-pod':
    case 'delete-claim':
    case 'rerun':
    case 'set schedule':
    case 'set zone':
    case 'partition':
    case 'undo':
      return (await import('./act.js')).act(args);
    case 'history':
      return (await import('./history.js')).history(args);
    case 'logs':
      return (await import('./logs.js')).logs(args);
    case 'completion':
      if (args.positional.length > 1) throw new ArgError('usage: kstate completion bash|zsh|fish');
      process.stdout.write((await import('./completion.js')).completionScript(args.positional[0]));
      return 0;
    case null:
      return (await import('./dashboard.js')).dashboard(args);
    default:
      throw new ArgError(`unknown command "${args.command}" (see kstate --help)`);
  }
}

// A reader that stops reading (`kstate watch | head -1`) closes the pipe: that ends the command, as
// it ends any Unix filter — quietly, not with a stack trace of the failed write.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

async function main(): Promise<void> {
  let code: number;
  try {
    const argv = process.argv.slice(2);
    // Completion reads the words as typed, half-typed flags included: they must not fail parsing.
    code = argv[0] === '__complete' ? await (await import('./completion.js')).complete(argv.slice(1)) : await run(parseArgs(argv));
  } catch (err) {
    code = await reportError(err);
  }
  process.exitCode = code;
}

async function reportError(err: unknown): Promise<number> {
  const { oneLine, exitCodeOf } = await import('./errors.js');
  process.stderr.write(`kstate: ${oneLine(err)}\n`);
  if (process.env.KSTATE_DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return exitCodeOf(err);
}

await main();
