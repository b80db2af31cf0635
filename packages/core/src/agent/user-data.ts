import { UserError } from '../errors/user-error.ts';
import { parseIsoWithZone } from './agent-config.ts';
import { artifactName, COMPRESSED_SUFFIX, SPAWND_KEY_PREFIX } from './bucket.ts';
import { type JobUnitOptions, jobUnitScript } from './job-unit.ts';
import { OS_TIMER_GRACE_MS, OS_TIMER_MIN_DELAY_MS, OS_TIMER_UNIT } from './os-timer.ts';
import { SPAWND_SYSTEMD_UNIT } from './systemd-unit.ts';

export interface UserDataOptions {
  bucketPrefix: string;
  homeRegion: string;
  version: string;
  /** Checksums known at launch; without them the published `.sha256` next to the binary is used. */
  sha256?: { x64: string; arm64: string };
  /**
   * The instance's absolute deadline (`spawn:expires-at`, ISO-8601 with a zone): armed as an OS
   * timer before anything else, so the instance ends even if spawnd never installs.
   */
  expiresAt?: string;
  /** `spawn run`: the job unit to install (see job-unit.ts). */
  job?: JobUnitOptions;
}

function deadlineOf(expiresAt: string | undefined): number | undefined {
  if (expiresAt === undefined) return undefined;
  const ms = parseIsoWithZone(expiresAt);
  if (Number.isNaN(ms))
    throw new UserError('INVALID_INPUT', `Invalid deadline "${expiresAt}" for the spawnd installer.`);
  return ms;
}

function check(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value))
    throw new UserError('INVALID_INPUT', `Invalid ${what} "${value}" for the spawnd installer.`);
  return value;
}

/**
 * The POSIX sh user-data: first an OS timer for the deadline (see os-timer.ts), then spawnd's
 * installer: IMDSv2 token → region and `uname -m` → the executable's gzip copy from the regional
 * bucket (falling back to the home region), decompressed with gzip, and the decompressed file
 * SHA-256 verified before anything is installed (pinned checksums, else the home bucket's only),
 * then the systemd unit, enabled and started. For tests,
 * SPAWND_DOWNLOAD_BASE_URL (`{region}` placeholder), AWS_EC2_METADATA_SERVICE_ENDPOINT and
 * SPAWND_INSTALL_ROOT redirect the download, IMDS and the install prefix.
 */
export function buildUserData(o: UserDataOptions): string {
  const prefix = check(o.bucketPrefix, /^[a-z0-9][a-z0-9.-]{1,40}$/, 'bucket prefix');
  const home = check(o.homeRegion, /^[a-z]{2}(-[a-z]+)+-\d+$/, 'home region');
  const version = check(o.version, /^[0-9A-Za-z.+-]{1,64}$/, 'version');
  const x64 = o.sha256 ? check(o.sha256.x64, /^[0-9a-f]{64}$/, 'x64 checksum') : '';
  const arm64 = o.sha256 ? check(o.sha256.arm64, /^[0-9a-f]{64}$/, 'arm64 checksum') : '';
  const name = artifactName(version, 'x64').replace(/-x64$/, '');
  const deadline = deadlineOf(o.expiresAt);
  const fireAt = deadline === undefined ? undefined : deadline + OS_TIMER_GRACE_MS;
  return `#!/bin/sh
# Installs spawnd, the agent that ends this instance's billing at its TTL or when idle.
# Before anything else, an OS timer powers the instance off at its deadline (plus a grace that
# lets spawnd act first), so the TTL holds even if spawnd never installs.
set -eu
umask 022
EXPIRES_AT='${o.expiresAt ?? ''}'
FIRE_AT_EPOCH='${fireAt === undefined ? '' : Math.floor(fireAt / 1000)}'

log() { printf 'spawnd-install: %s\\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

arm_deadline() {
  [ -n "$FIRE_AT_EPOCH" ] || { log 'no TTL: no OS timer armed'; return 0; }
  now=$(date +%s)
  left=$((FIRE_AT_EPOCH - now))
  # An overdue deadline still leaves logged-in users a minute.
  [ "$left" -gt ${OS_TIMER_MIN_DELAY_MS / 1000} ] || left=${OS_TIMER_MIN_DELAY_MS / 1000}
  # Monotonic (--on-active): it does not count time spent hibernated, like the TTL itself.
  if command -v systemd-run >/dev/null 2>&1 &&
    systemd-run --unit=${OS_TIMER_UNIT} --description='spawn: end this instance at its deadline' \\
      --timer-property=AccuracySec=1s "--on-active=\${left}s" shutdown -h now; then
    log "OS timer ${OS_TIMER_UNIT}.timer armed: power-off in \${left}s (deadline $EXPIRES_AT)"
  elif shutdown -h "+$(((left + 59) / 60))"; then
    log "systemd-run unavailable: shutdown scheduled in $(((left + 59) / 60)) min (deadline $EXPIRES_AT)"
  else
    log "could not arm any OS timer for $EXPIRES_AT; spawnd and the cloud schedule still enforce it"
  fi
}
arm_deadline
${o.job ? jobUnitScript(o.job) : ''}
VERSION='${version}'
HOME_REGION='${home}'
SHA256_X64='${x64}'
SHA256_ARM64='${arm64}'
IMDS="\${AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}"
IMDS="\${IMDS%/}"
DEFAULT_BASE_URL='https://${prefix}-{region}.s3.{region}.amazonaws.com'
BASE_URL="\${SPAWND_DOWNLOAD_BASE_URL:-$DEFAULT_BASE_URL}"
ROOT="\${SPAWND_INSTALL_ROOT:-}"

# An egress proxy (HTTPS_PROXY, NO_PROXY… as KEY=value lines, written before this runs, e.g. by a
# #cloud-config write_files) serves the downloads here and spawnd through its unit. IMDS is always direct.
PROXY_ENV="$ROOT/etc/spawnd/proxy.env"
if [ -r "$PROXY_ENV" ]; then
  set -a
  # shellcheck source=/dev/null
  . "$PROXY_ENV"
  set +a
  log "proxy settings from $PROXY_ENV"
fi

token=$(curl -fsS --noproxy '*' --retry 5 --retry-connrefused --connect-timeout 2 -X PUT \\
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' "$IMDS/latest/api/token") || fail 'IMDSv2 token request failed'
region=$(curl -fsS --noproxy '*' --retry 3 -H "X-aws-ec2-metadata-token: $token" "$IMDS/latest/meta-data/placement/region") || region=''
[ -n "$region" ] || { log "region unknown, using $HOME_REGION"; region="$HOME_REGION"; }

case "$(uname -m)" in
  x86_64 | amd64) arch=x64; expected="$SHA256_X64" ;;
  aarch64 | arm64) arch=arm64; expected="$SHA256_ARM64" ;;
  *) fail "unsupported architecture $(uname -m)" ;;
esac
file="${name}-$arch"
key="${SPAWND_KEY_PREFIX}/$VERSION/$file"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

base_for() { printf '%s' "$BASE_URL" | sed "s/{region}/$1/g"; }

# The gzip copy (a third of the size); the checksum below is over the decompressed executable.
fetch() {
  base=$(base_for "$1")
  curl -fsS --retry 3 -o "$tmp/$file.gz" "$base/$key${COMPRESSED_SUFFIX}" || return 1
  log "downloaded $file${COMPRESSED_SUFFIX} ($(wc -c < "$tmp/$file.gz") bytes) from $base"
}

if ! fetch "$region"; then
  [ "$region" != "$HOME_REGION" ] || fail "download of $file failed"
  log "no copy in $region, trying $HOME_REGION"
  fetch "$HOME_REGION" || fail "download of $file failed in $region and $HOME_REGION"
fi

# A version spawn was not built with: only the home bucket's checksum is trusted, never one
# served next to the binary by a regional bucket (anyone could own that bucket name).
if [ -z "$expected" ]; then
  home=$(base_for "$HOME_REGION")
  curl -fsS --retry 3 -o "$tmp/$file.sha256" "$home/$key.sha256" ||
    fail "checksum not pinned and $home/$key.sha256 unreadable; nothing installed"
  expected=$(cut -d ' ' -f 1 < "$tmp/$file.sha256")
  log "checksum not pinned: verifying against $home/$key.sha256"
fi
printf '%s' "$expected" | grep -Eq '^[0-9a-f]{64}$' || fail "no valid checksum for $file; nothing installed"
gzip -dc "$tmp/$file.gz" > "$tmp/$file" || fail "$file${COMPRESSED_SUFFIX} is not a valid gzip file; nothing installed"
actual=$(sha256sum "$tmp/$file" | cut -d ' ' -f 1)
[ "$actual" = "$expected" ] || fail "checksum mismatch for $file: expected $expected, got $actual; nothing installed"

mkdir -p "$ROOT/usr/local/bin" "$ROOT/etc/systemd/system" "$ROOT/etc/motd.d"
install -m 0755 "$tmp/$file" "$ROOT/usr/local/bin/spawnd"
cat > "$ROOT/etc/systemd/system/spawnd.service" <<'UNIT'
${SPAWND_SYSTEMD_UNIT}UNIT
systemctl daemon-reload
systemctl enable --now spawnd
log "spawnd $VERSION ($arch) installed and started"
`;
}
