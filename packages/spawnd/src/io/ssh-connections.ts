import { countSshLines } from '@truffle-spawn/core/agent';
import { close, openRead, read } from './fs-callbacks.ts';

/** A line of /proc/net/tcp6 is ~150 bytes; a piece holds a few hundred. */
const PIECE_BYTES = 32 * 1024;

/**
 * Established connections on local port 22 listed in /proc/net/tcp or tcp6; `undefined` when the
 * file cannot be read. Read in pieces through one small buffer and counted in place: on a busy host
 * the file is hundreds of KB, and reading it whole into a string every cycle grew V8's young
 * generation and left large pages resident (bench-spawnd: about 1 MB more after the second cycle).
 */
export async function readSshConnections(path: string): Promise<number | undefined> {
  let fd: number;
  try {
    fd = await openRead(path);
  } catch {
    return undefined;
  }
  try {
    const piece = Buffer.allocUnsafe(PIECE_BYTES);
    let count = 0;
    let kept = 0;
    // A line longer than a whole piece (never written by the kernel) is skipped, not misread.
    let skipping = false;
    for (;;) {
      const bytesRead = await read(fd, piece, kept, PIECE_BYTES - kept);
      let end = kept + bytesRead;
      const final = bytesRead === 0;
      let from = 0;
      if (skipping) {
        const nl = piece.indexOf(0x0a);
        if (nl < 0 || nl >= end) {
          if (final) return count;
          kept = 0;
          continue;
        }
        from = nl + 1;
        skipping = false;
      }
      const view = from === 0 ? piece : piece.subarray(from);
      end -= from;
      const found = countSshLines(view, end, final);
      count += found.count;
      if (final) return count;
      kept = end - found.consumed;
      if (kept === PIECE_BYTES) {
        kept = 0;
        skipping = true;
      } else piece.copyWithin(0, from + found.consumed, from + end);
    }
  } catch {
    return undefined;
  } finally {
    await close(fd).catch(() => undefined);
  }
}
