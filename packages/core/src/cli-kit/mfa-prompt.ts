import { password } from '@inquirer/prompts';
import type { CliIo } from './io.ts';

/**
 * Asks for a role profile's MFA code on the terminal (six digits, masked). Its own module, loaded
 * only when a profile needs a code: the static import keeps `import()` out of the CLIs' main.cjs,
 * which Node 20's compile-cache fallback would otherwise skip.
 */
export function promptMfaCode(io: CliIo, serial: string, signal: AbortSignal): Promise<string> {
  return password(
    {
      message: `MFA code for ${serial}:`,
      mask: true,
      validate: (v) => /^\d{6}$/.test(v) || 'six digits',
    },
    { input: io.stdin, output: io.stderr, signal },
  );
}
