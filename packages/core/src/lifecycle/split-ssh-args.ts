// ssh(1) options that take a value (`-L 8888:localhost:8888`, `-o Opt=x`, or glued: `-oOpt=x`).
const WITH_VALUE = new Set('BbcDEeFIiJLlmOoPpQRSWw');

/**
 * Splits what the user typed after `spawn connect NAME --` into ssh options (leading `-x`
 * arguments and their values) and the remote command (from the first other argument, or after a
 * second `--`): `-L 8:l:8 uptime -a` → options `-L 8:l:8`, command `uptime -a`.
 */
export function splitSshArgs(args: readonly string[]): { options: string[]; command: string[] } {
  const options: string[] = [];
  let i = 0;
  while (i < args.length) {
    const arg = args[i] as string;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    options.push(arg);
    i++;
    const valueAt = [...arg.slice(1)].findIndex((c) => WITH_VALUE.has(c));
    // The value is the next argument when the option letter ends the word (`-L`, `-vL`).
    if (valueAt === arg.length - 2 && i < args.length) options.push(args[i++] as string);
  }
  return { options, command: args.slice(i) };
}
