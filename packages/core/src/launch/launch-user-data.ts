// Not the agent's index: it carries publish-release.ts, whose S3 client a launch never needs.
import { DEFAULT_BUCKET_PREFIX, DEFAULT_HOME_REGION } from '../agent/bucket.ts';
import { buildUserData } from '../agent/user-data.ts';
import type { LaunchPlan } from './plan.ts';
import { combineUserData } from './user-data-mime.ts';

/**
 * The user data RunInstances gets: spawnd's installer, with `--user-data` combined as a MIME
 * multi-part (a UserError naming the sizes when over EC2's 16 KB). The plan calls it too, with
 * the same inputs, so a too-large file fails before anything is created.
 */
export function launchUserData(plan: LaunchPlan, o: { version: string; now: Date }): string {
  const { spec } = plan;
  const installer = buildUserData({
    bucketPrefix: DEFAULT_BUCKET_PREFIX,
    homeRegion: DEFAULT_HOME_REGION,
    version: o.version,
    sha256: plan.spawnd.kind === 'home-bucket-at-boot' ? undefined : plan.spawnd.sha256,
    // The same deadline as the spawn:expires-at tag: armed as an OS timer before anything else.
    expiresAt: spec.ttlMs === undefined ? undefined : new Date(o.now.getTime() + spec.ttlMs).toISOString(),
    // `spawn run`: the job unit, inside the installer's script (it uses its log and set -eu).
    job: spec.job && {
      command: spec.job.command,
      user: spec.user,
      count: spec.job.count,
      indexOffset: spec.job.indexOffset,
      awaitUpload: spec.job.awaitUpload,
    },
  });
  return spec.userData ? combineUserData(installer, spec.userData) : installer;
}
