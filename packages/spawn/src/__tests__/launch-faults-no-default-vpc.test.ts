import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { isClean } from './_fault-harness.ts';
import { runFaultMatrix } from './_fault-matrix.ts';
import { deleteDefaultVpc } from './_inventory.ts';

const moto = useMoto();

describe('every fault at every AWS call site of a launch, no default VPC (moto + fault proxy)', () => {
  it('leaves 0 own resources, intact shared ones, a documented exit code and no stack trace', async () => {
    const rows = await runFaultMatrix(moto, deleteDefaultVpc, 'no-default-vpc');
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((r) => !isClean(r.verdict, r)).map((r) => r.verdict)).toEqual([]);
  }, 900_000);
});
