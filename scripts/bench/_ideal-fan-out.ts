import { loadEc2Sdk } from './_ec2-sdk.ts';

// The fan-out floor: DescribeRegions once, then for every region DescribeInstanceTypes for the
// matched type and DescribeInstanceTypeOfferings, all at once, one client per region; alongside,
// the type's on-demand prices in every region (one GetProducts page, as truffle asks for one type).
// No cache, no output formatting, no error handling: only the calls
// `truffle search <type> --regions all` needs.
type Send = { send(command: unknown): Promise<Record<string, unknown>> };
type Command = new (input: Record<string, unknown>) => unknown;
const type = process.argv[2] ?? 'm7i.large';
const sdk = await loadEc2Sdk();
const pricingPath = process.env.BENCH_SDK_PRICING;
if (!pricingPath) throw new Error('BENCH_SDK_PRICING is not set');
const pricingSdk = (await import(pricingPath)) as {
  PricingClient: new (config: { region: string }) => Send;
  GetProductsCommand: Command;
};

const term = (Field: string, Value: string) => ({ Type: 'TERM_MATCH', Field, Value });
const prices = new pricingSdk.PricingClient({ region: 'us-east-1' }).send(
  new pricingSdk.GetProductsCommand({
    ServiceCode: 'AmazonEC2',
    FormatVersion: 'aws_v1',
    MaxResults: 100,
    Filters: [
      term('instanceType', type),
      term('operatingSystem', 'Linux'),
      term('tenancy', 'Shared'),
      term('preInstalledSw', 'NA'),
      term('capacitystatus', 'Used'),
      term('licenseModel', 'No License required'),
      term('locationType', 'AWS Region'),
    ],
  }),
);
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
const { PriceList } = (await prices) as { PriceList?: unknown[] };
process.stdout.write(
  `${JSON.stringify({ regions: regions.length, offerings: answers.reduce((a, b) => a + b, 0), prices: PriceList?.length ?? 0 })}\n`,
);
