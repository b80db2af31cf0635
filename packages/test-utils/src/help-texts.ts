import { PassThrough } from 'node:stream';

/** A CLI's in-process entry (`main` of truffle or spawn): argv and io in, exit code out. */
type CliMain = (argv: string[], io: never) => Promise<number>;

/**
 * Every `--help` text of a CLI, run in-process with a fixed environment, as one document: the
 * program's, each command's and `help <first command>`, each under its `$ cli ...` line. For a
 * byte-for-byte snapshot, so a change in how options are registered cannot change what help prints.
 */
export async function helpTexts(cli: string, main: CliMain, commands: readonly string[]): Promise<string> {
  const helpOf = async (argv: string[]): Promise<string> => {
    const stdout = new PassThrough();
    const out: Buffer[] = [];
    stdout.on('data', (b: Buffer) => out.push(b));
    const io = {
      stdin: new PassThrough(),
      stdout,
      stderr: new PassThrough(),
      env: { NO_COLOR: '1' },
      platform: 'linux',
      homedir: '/nonexistent',
      cwd: '/',
      now: () => new Date('2026-11-27T12:00:00Z'),
    };
    const code = await main(argv, io as never);
    if (code !== 0) throw new Error(`${cli} ${argv.join(' ')} exited ${code}`);
    return Buffer.concat(out).toString('utf8');
  };
  const texts = [`$ ${cli} --help\n${await helpOf(['--help'])}`];
  for (const name of commands) texts.push(`$ ${cli} ${name} --help\n${await helpOf([name, '--help'])}`);
  const first = commands[0] ?? '';
  texts.push(`$ ${cli} help ${first}\n${await helpOf(['help', first])}`);
  return texts.join('\n');
}
