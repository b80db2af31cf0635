import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './free-port.ts';

export interface MotoServer {
  /** `http://127.0.0.1:PORT`. */
  endpoint: string;
  child: ChildProcess;
  /**
   * Exceptions moto raised while answering (each: the last line of its traceback), except the
   * one for a service moto does not have (Pricing, Service Quotas), which tests call on purpose.
   * A caller sees such a request as an HTTP 500 with an HTML body; this says what moto hit.
   */
  crashes(): string[];
  /** SIGTERM, then SIGKILL after 3 s; resolves when the process is gone. */
  stop(): Promise<void>;
}

export interface MotoLaunch {
  /** Python run before the server starts (to add what moto lacks); `sys.argv[2:]` are `args`. */
  setup?: string;
  args?: string[];
}

/*
 * moto 5.2.1 answers each request on its own thread, and some of its models are not safe for
 * that: a subnet hands out private IPs from one shared Python generator, so two RunInstances in
 * one subnet at the same moment can fail with "ValueError: generator already executing" (an HTML
 * 500, seen in CI with five concurrent launches). On AWS each call is atomic. So every server runs
 * one request's handler at a time (connections, and the reading of each answer, stay concurrent):
 * races between calls, which the tests are about, keep every interleaving; a request can no
 * longer corrupt another inside moto.
 */
const ONE_HANDLER_AT_A_TIME = `
import threading
from moto.moto_server import werkzeug_app
_handler_lock = threading.Lock()
_dispatch = werkzeug_app.DomainDispatcherApplication.__call__
def _one_at_a_time(self, environ, start_response):
    with _handler_lock:
        answer = _dispatch(self, environ, start_response)
        try:
            return [b"".join(answer)]
        finally:
            if hasattr(answer, "close"):
                answer.close()
werkzeug_app.DomainDispatcherApplication.__call__ = _one_at_a_time
`;

/** The whole program python3 runs: `sys.argv[1]` is the port. */
export function motoProgram(setup = ''): string {
  return `import sys\n${setup}\n${ONE_HANDLER_AT_A_TIME}\nfrom moto.server import main\nmain(["-H", "127.0.0.1", "-p", sys.argv[1]])\n`;
}

/** Starts a moto server on a free loopback port and waits until it answers a reset. */
export async function startMotoServer(launch: MotoLaunch = {}): Promise<MotoServer> {
  const port = await freePort();
  const child = spawn('python3', ['-c', motoProgram(launch.setup), String(port), ...(launch.args ?? [])], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const crashes: string[] = [];
  let pending = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    stderr = (stderr + text).slice(-4000);
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const crash = crashLine(line);
      if (crash && crashes.length < 10_000) crashes.push(crash);
    }
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const server = { endpoint, child, crashes: () => [...crashes], stop: () => stopChild(child) };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto server exited early:\n${stderr}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`moto server did not start on ${endpoint} within 30 s:\n${stderr}`);
}

/** What a calls-to-a-missing-service traceback ends with (moto finds no backend for the name). */
const NO_SUCH_SERVICE = "AttributeError: 'NoneType' object has no attribute 'replace'";

/** The last line of a Python traceback (`SomeError: text`), unless it is the missing-service one. */
export function crashLine(line: string): string | undefined {
  if (!/^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b.*/.test(line)) return undefined;
  if (line.startsWith('Error on request')) return undefined;
  return line === NO_SUCH_SERVICE ? undefined : line;
}

/** The pipe is released first so it cannot hold vitest (or a benchmark) open. */
async function stopChild(child: ChildProcess): Promise<void> {
  child.stderr?.destroy();
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
