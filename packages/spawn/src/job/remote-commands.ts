import { JOB_DIR, JOB_LOG, shellQuote } from '@truffle-spawn/core/launch';

// The commands spawn runs on the instance over ssh: fixed text, nothing from a tag or the user's
// command line in them (uploaded names are validated to plain file names first).

/** user-data may still be installing the job when sshd answers: wait for it (at most 5 min). */
const AWAIT_INSTALL = `w=0; while [ ! -e ${JOB_DIR}/command ]; do [ "$w" -lt 300 ] || { echo 'spawn: the job was never installed (see /var/log/cloud-init-output.log)' >&2; exit 70; }; sleep 1; w=$((w+1)); done`;

/**
 * `--sync` and the script: a tar stream on stdin unpacked into ~/work; the script made executable
 * (its name was checked to be a plain file name, and is quoted anyway).
 */
export function unpackIntoWork(scriptName?: string): string {
  const chmod = scriptName === undefined ? '' : ` && chmod +x ~/work/${shellQuote(scriptName)}`;
  return `${AWAIT_INSTALL}; mkdir -p ~/work && tar -C ~/work -xf -${chmod}`;
}

/** `--env`: `KEY='value'` lines on stdin, readable by the job user only. */
export const WRITE_ENV = `${AWAIT_INSTALL}; umask 077 && cat > ${JOB_DIR}/env.sh`;

/** The last step: the job (waiting since boot) may start. */
export const MARK_READY = `${AWAIT_INSTALL}; touch ${JOB_DIR}/ready`;

/** `spawn logs`: the whole log so far. */
export const CAT_LOG = `cat ${JOB_LOG}`;

/** `spawn logs -f`: from the start, following, until the job has ended (its exit file exists). */
export const FOLLOW_LOG = `tail -n +1 -F ${JOB_LOG} 2>/dev/null & t=$!; while [ ! -e ${JOB_DIR}/exit ]; do sleep 2; done; sleep 2; kill "$t"`;
