import { loadEc2Sdk } from './_ec2-sdk.ts';

// The fan-out floor: DescribeRegions once, then for every region DescribeInstanceTypes for the
// matched type and DescribeInstanceTypeOfferings, all at once, one client per region. No cache,
// no output formatting, no error handling: only the calls `truffle search <type> --regions all` needs.
const type = process.argv[2] ?? 'm7i.large';
const sdk = await loadEc2Sdk();
const home = new sdk.EC2Client({ region: 'us-east-1' });
const { Regions } = (await home.send(new sdk.DescribeRegionsCommand({}))) as {
  Regions?: { RegionName?: string }[];
};
const regions = (Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : []));
const answers = await Promise.all(
  regions.map(async (region) => {
    const ec2 = new sdk.EC2Client({ region });
    const [, offerings] = await Promise.all([
      ec2.send(new sdk.DescribeInstanceTypesCommand({ InstanceTypes: [type] })),
      ec2.send(
        new sdk.DescribeInstanceTypeOfferingsCommand({
          LocationType: 'availability-zone',
          Filters: [{ Name: 'instance-type', Values: [type] }],
        }),
      ),
    ]);
    return ((offerings.InstanceTypeOfferings as unknown[] | undefined) ?? []).length;
  }),
);
process.stdout.write(
  `${JSON.stringify({ regions: regions.length, offerings: answers.reduce((a, b) => a + b, 0) })}\n`,
);
