import { UserError } from '../errors/user-error.ts';
import { isLoginUser } from '../validate/login-user.ts';

/** Where the job's files live on the instance: the command, its output, and how it ended. */
export const JOB_DIR = '/var/lib/spawn-job';
/** The job's stdout and stderr (also in the journal of `spawn-job.service`). */
export const JOB_LOG = `${JOB_DIR}/output.log`;
export const JOB_UNIT = 'spawn-job';
/** The longest command user-data carries (user-data itself is limited to 16 KiB). */
export const MAX_JOB_COMMAND_BYTES = 8192;
/** How long a job waits for spawn's upload before it gives up (exit 125). */
export const JOB_UPLOAD_TIMEOUT_S = 1800;
/** The exit code of a job whose upload never arrived. */
export const JOB_UPLOAD_MISSING_EXIT = 125;
/**
 * The exit code spawnd records for a job whose runner ended without recording one (the unit was
 * killed, or the instance restarted mid-job): 128 + SIGKILL, as a shell reports a killed command.
 */
export const JOB_LOST_EXIT = 137;
/** How long spawnd must see the runner's unit inactive, with no exit recorded, before that. */
export const JOB_LOST_GRACE_MS = 2 * 60_000;

/** What user-data needs to install the job (`spawn run`). */
export interface JobUnitOptions {
  /** The command and its arguments, as typed after `--` (run in `~/work`, never through a tag). */
  command: readonly string[];
  /** The login user the job runs as (validated again here). */
  user: string;
  /** SPAWN_COUNT; each instance's SPAWN_INDEX is `indexOffset` + its RunInstances launch index. */
  count: number;
  indexOffset: number;
  /**
   * The launcher uploads files over SSH (`--sync`, `--env`, a script): the job waits for its
   * `ready` marker (at most `JOB_UPLOAD_TIMEOUT_S`, then fails with 125 so the instance still ends).
   */
  awaitUpload: boolean;
}

/** One argument for POSIX sh: single-quoted, a `'` inside as `'\''`. */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The runner the unit starts, as the login user: records when the job started and how it ended
 * (files spawnd reads; only spawnd writes tags), runs the command in ~/work with SPAWN_INDEX and
 * SPAWN_COUNT, its output appended to the log and, through tee's stdout, the journal. A job that
 * already ran is never run again (an instance stopped after its job and started again).
 */
export const JOB_RUNNER_SCRIPT = `#!/bin/sh
# spawn-job runner: see spawn run. Writes started-at, ended-at and exit for spawnd.
set -u
DIR="\${SPAWN_JOB_DIR:-${JOB_DIR}}"
stamp() { date -u +%Y-%m-%dT%H:%M:%SZ > "$DIR/$1.tmp" && mv "$DIR/$1.tmp" "$DIR/$1"; }
if [ -e "$DIR/exit" ]; then
  echo "spawn-job: the job already ran (exit $(cat "$DIR/exit")); not running it again" >&2
  exit 0
fi
if [ "\${SPAWN_JOB_AWAIT_UPLOAD:-0}" = 1 ]; then
  waited=0
  while [ ! -e "$DIR/ready" ]; do
    if [ "$waited" -ge "\${SPAWN_JOB_UPLOAD_TIMEOUT:-${JOB_UPLOAD_TIMEOUT_S}}" ]; then
      echo "spawn-job: the files spawn run uploads over SSH never arrived; the command was not run" |
        tee -a "$DIR/output.log" >&2
      echo ${JOB_UPLOAD_MISSING_EXIT} > "$DIR/exit.tmp"
      stamp ended-at
      mv "$DIR/exit.tmp" "$DIR/exit"
      exit ${JOB_UPLOAD_MISSING_EXIT}
    fi
    sleep 1
    waited=$((waited + 1))
  done
fi
stamp started-at
# --env: written by spawn over SSH (mode 600), KEY='value' lines quoted for sh.
if [ -r "$DIR/env.sh" ]; then
  set -a
  . "$DIR/env.sh"
  set +a
fi
export SPAWN_INDEX="\${SPAWN_INDEX:-0}" SPAWN_COUNT="\${SPAWN_COUNT:-1}"
rm -f "$DIR/exit.tmp"
{
  if mkdir -p "$HOME/work" && cd "$HOME/work"; then
    sh "$DIR/command" < /dev/null
    echo "$?" > "$DIR/exit.tmp"
  else
    echo "spawn-job: cannot enter $HOME/work" >&2
    echo 1 > "$DIR/exit.tmp"
  fi
} 2>&1 | tee -a "$DIR/output.log"
# tee killed before the command ended (or any other surprise): a failure, never a success.
[ -s "$DIR/exit.tmp" ] || echo 1 > "$DIR/exit.tmp"
stamp ended-at
mv "$DIR/exit.tmp" "$DIR/exit"
exit "$(cat "$DIR/exit")"
`;

/** The unit file; `@INDEX@` is replaced at boot by the validated index (see jobUnitScript). */
function jobSystemdUnit(user: string, count: number, awaitUpload: boolean): string {
  return `[Unit]
Description=spawn job: the command given to spawn run
Wants=network-online.target
After=network-online.target

[Service]
Type=exec
User=${user}
Environment=SPAWN_INDEX=@INDEX@ SPAWN_COUNT=${count} SPAWN_JOB_DIR=${JOB_DIR} SPAWN_JOB_AWAIT_UPLOAD=${awaitUpload ? 1 : 0}
ExecStart=/usr/local/lib/spawn-job/run
StandardInput=null
StandardOutput=journal
StandardError=journal
`;
}

/** A heredoc delimiter that does not occur as a line of the body. */
function delimiterFor(body: string): string {
  let delimiter = 'SPAWN_JOB_COMMAND';
  for (let i = 1; body.split('\n').includes(delimiter); i++) delimiter = `SPAWN_JOB_COMMAND_${i}`;
  return delimiter;
}

/** The command file the runner executes: `exec` with every argument single-quoted. */
export function jobCommandFile(command: readonly string[]): string {
  if (command.length === 0 || command[0] === '')
    throw new UserError('USAGE', 'No command to run.', {
      hint: 'Give it after --: spawn run ... -- CMD ARGS',
    });
  if (command.some((a) => a.includes('\0')))
    throw new UserError('INVALID_INPUT', 'The command contains a NUL byte.');
  const body = `exec ${command.map(shellQuote).join(' ')}\n`;
  if (Buffer.byteLength(body) > MAX_JOB_COMMAND_BYTES) {
    throw new UserError('INVALID_INPUT', `The command is longer than ${MAX_JOB_COMMAND_BYTES} bytes.`, {
      hint: 'Put it in a script and run the script (it is uploaded with --sync, or as the command).',
    });
  }
  return body;
}

/**
 * The user-data fragment (POSIX sh, runs as root under `set -eu`, after the OS timer is armed
 * and before spawnd is installed, so the job runs even if spawnd cannot be) that installs
 * `spawn-job.service`. The command travels here, shell-quoted, never in a tag. SPAWN_INDEX is
 * the offset plus IMDS `ami-launch-index` (digits only, else 0). SPAWND_INSTALL_ROOT,
 * SPAWN_JOB_HOME and AWS_EC2_METADATA_SERVICE_ENDPOINT redirect paths for tests.
 */
export function jobUnitScript(job: JobUnitOptions): string {
  if (!isLoginUser(job.user))
    throw new UserError('INVALID_INPUT', `Invalid login user "${job.user}" for the job.`);
  for (const [what, n, min] of [
    ['count', job.count, 1],
    ['index offset', job.indexOffset, 0],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < min || n > 10_000)
      throw new UserError('INVALID_INPUT', `Invalid job ${what} ${n}.`);
  }
  const command = jobCommandFile(job.command);
  const end = delimiterFor(command);
  return `
# spawn run: the job, as spawn-job.service (the command below, run as ${job.user} in ~/work).
JOB_ROOT="\${SPAWND_INSTALL_ROOT:-}"
JOB_USER='${job.user}'
JOB_COUNT='${job.count}'
JOB_DIR="$JOB_ROOT${JOB_DIR}"
install_job() {
  index=0
  if [ "$JOB_COUNT" -gt 1 ]; then
    imds="\${AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}"
    imds="\${imds%/}"
    t=$(curl -fsS --retry 5 --retry-connrefused --connect-timeout 2 -X PUT \\
      -H 'X-aws-ec2-metadata-token-ttl-seconds: 60' "$imds/latest/api/token") || t=''
    index=$(curl -fsS --retry 3 -H "X-aws-ec2-metadata-token: $t" "$imds/latest/meta-data/ami-launch-index") || index=0
  fi
  case "$index" in '' | *[!0-9]*) index=0 ;; esac
  index=$((index + ${job.indexOffset}))
  home="\${SPAWN_JOB_HOME:-$(getent passwd "$JOB_USER" | cut -d: -f6)}"
  [ -n "$home" ] || { log "job: no home directory for $JOB_USER"; return 1; }
  mkdir -p "$JOB_DIR" "$home/work" "$JOB_ROOT/usr/local/lib/spawn-job" "$JOB_ROOT/etc/systemd/system" || return 1
  cat > "$JOB_DIR/command" <<'${end}'
${command}${end}
  cat > "$JOB_ROOT/usr/local/lib/spawn-job/run" <<'SPAWN_JOB_RUNNER'
${JOB_RUNNER_SCRIPT}SPAWN_JOB_RUNNER
  chmod 0755 "$JOB_ROOT/usr/local/lib/spawn-job/run" || return 1
  : > "$JOB_DIR/output.log"
  chown "$JOB_USER:" "$JOB_DIR" "$JOB_DIR/output.log" "$home/work" || return 1
  cat > "$JOB_ROOT/etc/systemd/system/${JOB_UNIT}.service" <<'SPAWN_JOB_UNIT'
${jobSystemdUnit(job.user, job.count, job.awaitUpload)}SPAWN_JOB_UNIT
  sed -i "s/@INDEX@/$index/" "$JOB_ROOT/etc/systemd/system/${JOB_UNIT}.service" || return 1
  systemctl daemon-reload || return 1
  systemctl start --no-block ${JOB_UNIT} || return 1
  log "job installed and started (SPAWN_INDEX=$index${job.awaitUpload ? ', waiting for its upload' : ''})"
}
if ! install_job; then
  # Recorded as a failed job (126: could not run), so spawnd ends the instance as --on-complete says.
  log 'job: installing spawn-job.service failed'
  if mkdir -p "$JOB_DIR"; then
    date -u +%Y-%m-%dT%H:%M:%SZ > "$JOB_DIR/ended-at" || true
    echo 126 > "$JOB_DIR/exit" || true
  fi
fi
`;
}
