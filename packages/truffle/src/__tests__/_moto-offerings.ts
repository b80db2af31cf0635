import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

let dir: string | undefined;

/** AZs where moto (from its real AWS snapshot) offers `type` in `region`, sorted. */
export function motoOfferedAzs(type: string, region: string): string[] {
  dir ??= execFileSync('python3', ['-c', 'import moto, os; print(os.path.dirname(moto.__file__))'], {
    encoding: 'utf8',
  }).trim();
  const file = join(
    dir,
    'ec2',
    'resources',
    'instance_type_offerings',
    'availability-zone',
    `${region}.json.gz`,
  );
  const rows = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
    InstanceType: string;
    Location: string;
  }[];
  return rows
    .filter((r) => r.InstanceType === type)
    .map((r) => r.Location)
    .sort();
}
