import type { CliIo, Progress, ProgressCount } from '@truffle-spawn/core/cli-kit';
import { silentProgress } from '@truffle-spawn/core/cli-kit';
import type { Ora } from 'ora';

/**
 * The spinner truffle shows on a terminal while AWS answers: `ora` on stderr with the regions done
 * / total, imported only when stderr is a terminal, so a pipe or a script loads nothing and gets
 * no spinner bytes. stdin is left alone (Ctrl-C stays the terminal's SIGINT: exit 130 at once).
 */
export function terminalProgress(io: CliIo): Progress {
  if (!io.stderr.isTTY || io.env.TERM === 'dumb' || io.env.CI) return silentProgress;
  let label = 'Asking AWS';
  let text = '';
  let spinner: Ora | undefined;
  let wanted = false;
  let loading = false;
  const show = () => {
    if (!wanted) return;
    if (spinner) {
      spinner.text = text;
      return;
    }
    if (loading) return;
    loading = true;
    import('ora').then(
      ({ default: ora }) => {
        loading = false;
        if (wanted) spinner = ora({ text, stream: io.stderr, discardStdin: false }).start();
      },
      // No spinner is better than a failed command.
      () => {},
    );
  };
  let count: ProgressCount | undefined;
  const describe = () => (count ? `${label}: ${count.done}/${count.total} regions` : `${label}…`);
  return {
    // A fan-out may report before its first call creates the AWS context (which starts this).
    start(t) {
      label = t;
      text = describe();
      wanted = true;
      show();
    },
    update(c) {
      count = c;
      text = describe();
      // After a warning cleared it, AWS is still being asked: show it again.
      wanted = true;
      show();
    },
    stop() {
      wanted = false;
      spinner?.stop();
      spinner = undefined;
    },
  };
}
