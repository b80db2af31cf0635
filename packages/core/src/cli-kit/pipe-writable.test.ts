import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TtyWritable } from './io.ts';
import { type PipeWritableFs, pipeWritable } from './pipe-writable.ts';

const fail = () => {
  throw new Error('the real stream was not needed');
};
const errno = (code: string) => Object.assign(new Error(code), { code });
const pipeStat = { isFIFO: () => true, isSocket: () => false, isFile: () => false };

describe('pipeWritable', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pipe-writable-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes strings and bytes straight to a file descriptor, never building the stream', async () => {
    const file = join(dir, 'out');
    const fd = openSync(file, 'w');
    const out = pipeWritable(fd, 'linux', fail, fail);
    expect(out?.isTTY).toBe(false);
    const done = vi.fn();
    out?.write('héllo\n');
    out?.write(Buffer.from('bytes\n'), done);
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe('héllo\nbytes\n');
    await Promise.resolve();
    expect(done).toHaveBeenCalledOnce();
  });

  it('leaves terminals, /dev/null, Windows and unusable descriptors to the real stream', () => {
    const charDevice: PipeWritableFs = {
      fstatSync: () => ({ isFIFO: () => false, isSocket: () => false, isFile: () => false }),
      writeSync: fail,
    };
    expect(pipeWritable(1, 'linux', fail, fail, charDevice)).toBeUndefined();
    expect(pipeWritable(1, 'win32', fail, fail)).toBeUndefined();
    const closed: PipeWritableFs = { fstatSync: () => fail(), writeSync: fail };
    expect(pipeWritable(99, 'linux', fail, fail, closed)).toBeUndefined();
  });

  it('finishes partial writes, then hands the rest to the real stream once the pipe would block', () => {
    const written: string[] = [];
    let calls = 0;
    const fs: PipeWritableFs = {
      fstatSync: () => pipeStat,
      writeSync: (_fd, data) => {
        calls++;
        if (calls === 3) throw errno('EAGAIN');
        written.push(Buffer.from(data.subarray(0, 2)).toString());
        return 2;
      },
    };
    const real = new PassThrough();
    const out = pipeWritable(1, 'linux', () => real as TtyWritable, fail, fs);
    out?.write('abcdef');
    out?.write('gh');
    expect(written).toEqual(['ab', 'cd']);
    expect(real.read()?.toString()).toBe('efgh');
  });

  it('reports other write errors (a closed pipe) and throws them', () => {
    const fs: PipeWritableFs = { fstatSync: () => pipeStat, writeSync: () => fail() };
    const epipe: PipeWritableFs = {
      fstatSync: () => pipeStat,
      writeSync: () => {
        throw errno('EPIPE');
      },
    };
    const onError = vi.fn();
    expect(() => pipeWritable(1, 'linux', fail, onError, epipe)?.write('x')).toThrow('EPIPE');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'EPIPE' }));
    expect(() => pipeWritable(1, 'linux', fail, () => {}, fs)?.write('x')).toThrow();
  });

  it('forwards anything else to the real stream', () => {
    const real = new PassThrough();
    const out = pipeWritable(1, 'linux', () => real as TtyWritable, fail, {
      fstatSync: () => pipeStat,
      writeSync: fail,
    });
    const listener = vi.fn();
    out?.on('custom', listener);
    real.emit('custom', 1);
    expect(listener).toHaveBeenCalledWith(1);
    expect(out?.writable).toBe(true);
  });
});
