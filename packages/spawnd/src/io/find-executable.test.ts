import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findExecutable } from './find-executable.ts';
import { readGpu } from './sample.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spawnd-find-exe-'));
  await mkdir(join(dir, 'a'));
  await mkdir(join(dir, 'b'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function script(path: string, body: string, mode = 0o755) {
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, mode);
}

describe('findExecutable', () => {
  it('takes the first executable on PATH, skipping a non-executable file of that name', async () => {
    await script(join(dir, 'a/tool'), 'true', 0o644);
    await script(join(dir, 'b/tool'), 'true');
    expect(await findExecutable('tool', `${join(dir, 'a')}:${join(dir, 'b')}`)).toBe(join(dir, 'b/tool'));
  });

  it('is undefined when no PATH entry has it, and checks a path as given', async () => {
    expect(await findExecutable('tool', `${join(dir, 'a')}:${join(dir, 'b')}`)).toBeUndefined();
    expect(await findExecutable(join(dir, 'a/tool'), '')).toBeUndefined();
    await script(join(dir, 'a/tool'), 'true');
    expect(await findExecutable(join(dir, 'a/tool'), '')).toBe(join(dir, 'a/tool'));
  });
});

describe('readGpu', () => {
  it('is null without running anything when nvidia-smi is not on PATH', async () => {
    expect(await readGpu('nvidia-smi', join(dir, 'a'))).toBeNull();
  });

  it('runs nvidia-smi found on PATH and reads its answer', async () => {
    await script(join(dir, 'b/nvidia-smi'), 'echo 37');
    expect(await readGpu('nvidia-smi', join(dir, 'b'))).toBe(0.37);
  });

  it('is undefined (unknown, not "no GPU") when nvidia-smi fails', async () => {
    await script(join(dir, 'b/nvidia-smi'), 'exit 9');
    expect(await readGpu('nvidia-smi', join(dir, 'b'))).toBeUndefined();
  });
});
