import { readFileSync, readlinkSync } from 'node:fs';

/** Where a process's resident memory is, in MB, from /proc/<pid>/smaps (Rss of each mapping). */
export interface MemoryBreakdown {
  rss: number;
  /** Pages of the executable file itself (the Node runtime's code and data, the SEA blob). */
  binary: number;
  /** Shared libraries (libc, libstdc++…) and any other file mapping. */
  libs: number;
  /** Anonymous executable mappings: V8's generated code (builtins, bytecode handlers, JIT). */
  v8Code: number;
  /** Every other anonymous page: V8's heap, malloc arenas, [heap], thread stacks. */
  anon: number;
  /** Of `anon`: the brk heap (`[heap]`, the main thread's malloc). */
  brk: number;
}

/** Sums /proc/<pid>/smaps into the breakdown; `exe` is the path of the running executable. */
export function memoryBreakdown(pid: number): MemoryBreakdown {
  const exe = readlinkExe(pid);
  const text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  const kb = { rss: 0, binary: 0, libs: 0, v8Code: 0, anon: 0, brk: 0 };
  let kind: keyof typeof kb = 'anon';
  for (const line of text.split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ (\S{4}) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (head) {
      const [, perms = '', inode = '0', path = ''] = head;
      if (path === exe || path === `${exe} (deleted)`) kind = 'binary';
      else if (inode !== '0') kind = 'libs';
      else if (path === '[heap]') kind = 'brk';
      else if (perms.includes('x') && path === '') kind = 'v8Code';
      else kind = 'anon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) {
      const n = Number(rss[1]);
      kb.rss += n;
      kb[kind] += n;
      if (kind === 'brk') kb.anon += n;
    }
  }
  const mb = (n: number) => n / 1024;
  return {
    rss: mb(kb.rss),
    binary: mb(kb.binary),
    libs: mb(kb.libs),
    v8Code: mb(kb.v8Code),
    anon: mb(kb.anon),
    brk: mb(kb.brk),
  };
}

function readlinkExe(pid: number): string {
  return readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
}

/** `56.4 MB = binary 33.1 + libs 3.2 + V8 code 1.0 + anon 19.1 (brk 6.0)`. */
export function formatBreakdown(b: MemoryBreakdown): string {
  const f = (n: number) => n.toFixed(1);
  return `${f(b.rss)} MB = binary ${f(b.binary)} + libs ${f(b.libs)} + V8 code ${f(b.v8Code)} + anon ${f(b.anon)} (brk ${f(b.brk)})`;
}
