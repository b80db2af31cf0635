import { UserError } from '../errors/user-error.ts';
import { artifactName, SPAWND_KEY_PREFIX } from './bucket.ts';
import { SPAWND_SYSTEMD_UNIT } from './systemd-unit.ts';

export interface UserDataOptions {
  bucketPrefix: string;
  homeRegion: string;
  version: string;
  /** Checksums known at launch; without them the published `.sha256` next to the binary is used. */
  sha256?: { x64: string; arm64: string };
}

function check(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value))
    throw new UserError('INVALID_INPUT', `Invalid ${what} "${value}" for the spawnd installer.`);
  return value;
}

/**
 * The POSIX sh user-data that installs spawnd: IMDSv2 token → region and `uname -m` → the
 * executable from the regional bucket (falling back to the home region), SHA-256 verified before
 * anything is installed, then the systemd unit, enabled and started. For tests,
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
  return `#!/bin/sh
# Installs spawnd, the agent that ends this instance's billing at its TTL or when idle.
set -eu
umask 022
VERSION='${version}'
HOME_REGION='${home}'
SHA256_X64='${x64}'
SHA256_ARM64='${arm64}'
IMDS="\${AWS_EC2_METADATA_SERVICE_ENDPOINT:-http://169.254.169.254}"
IMDS="\${IMDS%/}"
DEFAULT_BASE_URL='https://${prefix}-{region}.s3.{region}.amazonaws.com'
BASE_URL="\${SPAWND_DOWNLOAD_BASE_URL:-$DEFAULT_BASE_URL}"
ROOT="\${SPAWND_INSTALL_ROOT:-}"

log() { printf 'spawnd-install: %s\\n' "$*" >&2; }
fail() { log "$*"; exit 1; }

token=$(curl -fsS --retry 5 --retry-connrefused --connect-timeout 2 -X PUT \\
  -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' "$IMDS/latest/api/token") || fail 'IMDSv2 token request failed'
region=$(curl -fsS --retry 3 -H "X-aws-ec2-metadata-token: $token" "$IMDS/latest/meta-data/placement/region") || region=''
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

fetch() {
  base=$(printf '%s' "$BASE_URL" | sed "s/{region}/$1/g")
  curl -fsS --retry 3 -o "$tmp/$file" "$base/$key" || return 1
  [ -n "$expected" ] || curl -fsS --retry 3 -o "$tmp/$file.sha256" "$base/$key.sha256" || return 1
  log "downloaded $file from $base"
}

if ! fetch "$region"; then
  [ "$region" != "$HOME_REGION" ] || fail "download of $file failed"
  log "no copy in $region, trying $HOME_REGION"
  fetch "$HOME_REGION" || fail "download of $file failed in $region and $HOME_REGION"
fi

[ -n "$expected" ] || expected=$(cut -d ' ' -f 1 < "$tmp/$file.sha256")
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
