import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { regionSchema } from '../protocol/schemas.ts';
import { describeAllRegions, isEnabled, regionRecord, regionsFromCodes } from './list-regions.ts';
import { OPT_IN_REGIONS, REGION_NAMES } from './region-names.ts';

const ec2 = mockClient(EC2Client);
const client = () => new EC2Client({ region: 'us-east-1' });

describe('describeAllRegions', () => {
  beforeEach(() => ec2.reset());

  it('asks for every region and keeps the account’s opt-in status', async () => {
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'opted-in' },
        { RegionName: 'ap-east-2', OptInStatus: 'not-opted-in' },
      ],
    });
    const regions = await describeAllRegions(client());
    expect(ec2).toHaveReceivedCommandWith(DescribeRegionsCommand, { AllRegions: true });
    expect(regions).toEqual([
      {
        v: 1,
        type: 'region',
        region: 'af-south-1',
        name: 'Africa (Cape Town)',
        optInRequired: true,
        optInStatus: 'opted-in',
      },
      {
        v: 1,
        type: 'region',
        region: 'ap-east-2',
        name: 'Asia Pacific (Taipei)',
        optInRequired: true,
        optInStatus: 'not-opted-in',
      },
      {
        v: 1,
        type: 'region',
        region: 'us-east-1',
        name: 'US East (N. Virginia)',
        optInRequired: false,
        optInStatus: 'opt-in-not-required',
      },
    ]);
    expect(regions.filter(isEnabled).map((r) => r.region)).toEqual(['af-south-1', 'us-east-1']);
    for (const r of regions) regionSchema.parse(r);
  });

  it('lists a region newer than the name table by its code, opt-in as AWS says', async () => {
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [{ RegionName: 'xx-new-1', OptInStatus: 'not-opted-in' }, { OptInStatus: 'opted-in' }],
    });
    expect(await describeAllRegions(client())).toEqual([
      { v: 1, type: 'region', region: 'xx-new-1', optInRequired: true, optInStatus: 'not-opted-in' },
    ]);
  });

  it('leaves out a status it does not know instead of guessing', async () => {
    ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'eu-west-1', OptInStatus: 'weird' }] });
    expect(await describeAllRegions(client())).toEqual([
      { v: 1, type: 'region', region: 'eu-west-1', name: 'Europe (Ireland)', optInRequired: false },
    ]);
  });

  it('passes an AWS failure on', async () => {
    ec2
      .on(DescribeRegionsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'UnauthorizedOperation' }));
    await expect(describeAllRegions(client())).rejects.toThrow('denied');
  });
});

describe('regionsFromCodes (offline)', () => {
  it('sorts, de-duplicates and marks opt-in regions without an account status', () => {
    expect(regionsFromCodes(['me-south-1', 'eu-west-1', 'me-south-1'])).toEqual([
      { v: 1, type: 'region', region: 'eu-west-1', name: 'Europe (Ireland)', optInRequired: false },
      { v: 1, type: 'region', region: 'me-south-1', name: 'Middle East (Bahrain)', optInRequired: true },
    ]);
  });

  it.each([
    ['us-east-1', false],
    ['ap-northeast-3', false],
    ['eu-north-1', false],
    ['af-south-1', true],
    ['ap-southeast-7', true],
    ['mx-central-1', true],
  ])('%s needs opting in: %s', (code, expected) => {
    expect(regionRecord(code).optInRequired).toBe(expected);
  });

  it('names every opt-in region it knows', () => {
    for (const code of OPT_IN_REGIONS) expect(REGION_NAMES[code], code).toBeDefined();
  });
});
