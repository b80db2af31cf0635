import { createServer, type Server } from 'node:net';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, describe, expect, it } from 'vitest';
import { inventory } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

useMoto();

const argv = ['--instance-type', 't3.micro', '--yes', '--ssh-cidr', '203.0.113.7/32', '-o', 'ndjson'];
const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A TCP listener on 127.0.0.1 standing in for the instance's sshd; returns its port. */
async function listen(): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => {
    // The probe hangs up right after connecting; a reset here is expected.
    socket.on('error', () => {});
    socket.end('SSH-2.0-stand-in\r\n');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

describe('--wait ssh probes TCP (moto has no real host: SPAWN_SSH_PROBE points at 127.0.0.1)', () => {
  it('succeeds once the port accepts a connection', async () => {
    const { port } = await listen();
    const run = await runSpawn(argv, {
      env: { SPAWN_SSH_PROBE: `127.0.0.1:${port}`, SPAWN_SSH_TIMEOUT: '20s' },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(`is running and SSH answers on 127.0.0.1`);
    expect(run.records).toEqual([expect.objectContaining({ type: 'launched' })]);
  });

  it('a closed port times out clearly, with the ssh command, and keeps the running instance', async () => {
    const { port, server } = await listen();
    await new Promise((r) => server.close(r));
    const run = await runSpawn(argv, {
      env: { SPAWN_SSH_PROBE: `127.0.0.1:${port}`, SPAWN_SSH_TIMEOUT: '1s' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`SSH on 127.0.0.1:${port} did not answer within 1s.`);
    expect(run.stderr).toMatch(/i-\w+ is running and was kept \(not rolled back\)/);
    expect(run.stderr).toMatch(/Connect once SSH answers: ssh -i ".*id_ed25519" ec2-user@\d+\.\d+\.\d+\.\d+/);
    expect(run.stderr).toContain('--ssh-cidr');
    expect(run.stderr).not.toContain('deleting what this run created');
    const [launched, error] = run.records;
    expect(launched).toMatchObject({ type: 'launched' });
    expect(error).toMatchObject({ type: 'error', code: 'TIMEOUT' });
    const inv = await inventory();
    expect(inv.instances.map((i) => [i.InstanceId, i.State?.Name])).toEqual([
      [launched?.instanceId, 'running'],
    ]);
    expect(inv.securityGroups).toHaveLength(1);
  });
});
