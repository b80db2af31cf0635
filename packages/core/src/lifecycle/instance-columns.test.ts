import { describe, expect, it } from 'vitest';
import { renderTable } from '../cli-kit/table.ts';
import { testInstance } from './_test-instance.ts';
import { INSTANCE_TABLE_WIDTH, instanceColumns } from './instance-columns.ts';
import { toInstanceRecord } from './instance-record.ts';

const NOW = Date.parse('2030-01-01T12:00:00Z');
// Wide but real cells: a long generated name, a long type and AZ, every enforcer, an idle time.
const records = [
  testInstance({
    name: 'sarah-training-run-2030-01-01-p5',
    instanceType: 'p5.48xlarge',
    region: 'ap-southeast-2',
    availabilityZone: 'ap-southeast-2c',
    tags: { 'spawn:managed': 'true', 'spawn:expires-at': '2030-01-01T20:00:00Z' },
  }),
  testInstance({ state: 'stopped', tags: { 'spawn:managed': 'true', 'spawn:ttl-remaining': '45m' } }),
].map((i) => toInstanceRecord(i, NOW, { usdPerHour: 98.32, source: 'test' }));
const lines = (width: number) =>
  renderTable(records, instanceColumns(NOW), undefined, { width }).trimEnd().split('\n');

describe('the spawn list table', () => {
  it(`fits ${INSTANCE_TABLE_WIDTH} columns with name, type, state, AZ, time left, enforcers and cost`, () => {
    const text = lines(INSTANCE_TABLE_WIDTH);
    for (const line of text) expect(line.length).toBeLessThanOrEqual(INSTANCE_TABLE_WIDTH);
    expect(text[0]).toMatch(
      /^NAME\s+TYPE\s+STATE\s+REGION\/AZ\s+.*TIME LEFT\s+.*ENFORCERS\s+COST \(EST\.\)$/,
    );
    expect(text[1]).toContain('p5.48xlarge');
    expect(text[1]).toContain('ap-southeast-2c');
  });

  it('without a width limit it is wider than that (so the test above can fail)', () => {
    const full = renderTable(records, instanceColumns(NOW)).split('\n');
    expect(Math.max(...full.map((l) => l.length))).toBeGreaterThan(INSTANCE_TABLE_WIDTH);
  });

  it('no JOB column when no instance has a job', () => {
    expect(lines(INSTANCE_TABLE_WIDTH)[0]).not.toContain('JOB');
  });

  it(`with jobs: a compact JOB column, and the table still fits ${INSTANCE_TABLE_WIDTH} columns`, () => {
    const job = (tags: Record<string, string>) =>
      testInstance({
        name: 'sarah-training-run-2030-01-01-p5-sweep-17',
        instanceType: 'p5.48xlarge',
        region: 'ap-southeast-2',
        availabilityZone: 'ap-southeast-2c',
        tags: { 'spawn:managed': 'true', 'spawn:expires-at': '2030-01-01T20:00:00Z', ...tags },
      });
    const withJobs = [
      ...records,
      ...[
        job({ 'spawn:job': 'running', 'spawn:job-started-at': '2030-01-01T11:48:00Z' }),
        job({ 'spawn:job': 'failed', 'spawn:job-exit': '137' }),
        job({ 'spawn:job': 'succeeded', 'spawn:job-exit': '0' }),
        job({ 'spawn:job': 'queued' }),
        job({ 'spawn:job': '$(reboot)' }),
        testInstance({ state: 'stopped', tags: { 'spawn:managed': 'true', 'spawn:job': 'running' } }),
      ].map((i) => toInstanceRecord(i, NOW, { usdPerHour: 98.32, source: 'test' })),
    ];
    const text = renderTable(withJobs, instanceColumns(NOW, { job: true }), undefined, {
      width: INSTANCE_TABLE_WIDTH,
    })
      .trimEnd()
      .split('\n');
    for (const line of text) expect(line.length).toBeLessThanOrEqual(INSTANCE_TABLE_WIDTH);
    expect(text[0]).toMatch(/^NAME\s+TYPE\s+STATE\s+JOB\s+.*TIME LEFT\s+.*ENFORCERS\s+COST \(EST\.\)$/);
    const jobOf = (line: string | undefined) => line?.match(/ (running|stopped) +(.+?) {2}/)?.[2];
    expect(text.slice(1).map(jobOf)).toEqual(['-', '-', 'run 12m', 'exit 137', 'ok', 'queued', '?', 'lost']);
  });

  it('at 80 columns it keeps what is running and what ends it', () => {
    const text = lines(80);
    for (const line of text) expect(line.length).toBeLessThanOrEqual(80);
    expect(text[0]).toMatch(/^NAME\s+.*STATE\s+.*TIME LEFT\s+.*ENFORCERS/);
    expect(text[2]).toContain('45m paused');
  });
});
