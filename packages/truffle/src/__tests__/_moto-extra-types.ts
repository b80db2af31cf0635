import { startMotoServer } from '@truffle-spawn/test-utils/moto-server';

/** An instance type to add to moto: its DescribeInstanceTypes entry and the AZs offering it per region. */
export interface ExtraType {
  info: Record<string, unknown> & { InstanceType: string };
  azs: Record<string, string[]>;
}

// Adds the types to moto's in-memory snapshot before the (otherwise ordinary) moto server starts.
const SETUP = `
import json, sys
import moto.ec2.models.instance_types as it
for extra in json.loads(sys.argv[2]):
    name = extra["info"]["InstanceType"]
    it.INSTANCE_TYPES[name] = extra["info"]
    it.InstanceTypeBackend.instance_types.append(it.InstanceType(name))
    for region, azs in extra["azs"].items():
        it.INSTANCE_TYPE_OFFERINGS["region"].setdefault(region, []).append(
            {"InstanceType": name, "Location": region, "LocationType": "region"})
        for az in azs:
            it.INSTANCE_TYPE_OFFERINGS["availability-zone"].setdefault(region, []).append(
                {"InstanceType": name, "Location": az, "LocationType": "availability-zone"})
`;

/** A private moto server whose EC2 snapshot also lists `extra` (a type AWS has and moto lacks). */
export async function startMotoWithTypes(
  extra: ExtraType[],
): Promise<{ endpoint: string; stop: () => void }> {
  const server = await startMotoServer({ setup: SETUP, args: [JSON.stringify(extra)] });
  return { endpoint: server.endpoint, stop: () => void server.stop() };
}
