import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** An instance type to add to moto: its DescribeInstanceTypes entry and the AZs offering it per region. */
export interface ExtraType {
  info: Record<string, unknown> & { InstanceType: string };
  azs: Record<string, string[]>;
}

// Adds the types to moto's in-memory snapshot, then runs the ordinary moto server in this process.
const LAUNCHER = `
import json, sys
import moto.ec2.models.instance_types as it
for extra in json.loads(sys.argv[1]):
    name = extra["info"]["InstanceType"]
    it.INSTANCE_TYPES[name] = extra["info"]
    it.InstanceTypeBackend.instance_types.append(it.InstanceType(name))
    for region, azs in extra["azs"].items():
        it.INSTANCE_TYPE_OFFERINGS["region"].setdefault(region, []).append(
            {"InstanceType": name, "Location": region, "LocationType": "region"})
        for az in azs:
            it.INSTANCE_TYPE_OFFERINGS["availability-zone"].setdefault(region, []).append(
                {"InstanceType": name, "Location": az, "LocationType": "availability-zone"})
from moto.server import main
main(["-H", "127.0.0.1", "-p", sys.argv[2]])
`;

/** A private moto server whose EC2 snapshot also lists `extra` (a type AWS has and moto lacks). */
export async function startMotoWithTypes(
  extra: ExtraType[],
): Promise<{ endpoint: string; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn('python3', ['-c', LAUNCHER, JSON.stringify(extra), String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited early:\n${stderr}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (res.ok) return { endpoint, stop: () => child.kill('SIGTERM') };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`moto did not start on ${endpoint}:\n${stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
