import { UserError } from '@truffle-spawn/core';

/** ssh and the arguments before the remote command (key, host-key policy, destination). */
export interface SshTarget {
  command: string;
  args: string[];
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The just-launched instance as an ssh destination; no public address is a clear error. */
export function launchedSshTarget(o: {
  platform: NodeJS.Platform;
  keyPath?: string;
  user: string;
  publicIp?: string;
  name: string;
}): SshTarget {
  if (!o.publicIp || !IPV4.test(o.publicIp)) {
    throw new UserError(
      'INVALID_STATE',
      `${o.name} has no public IPv4 address, so spawn cannot copy files over SSH.`,
      {
        hint: 'Launch it in a public subnet, or drop --sync/--env and put what the job needs in the image.',
      },
    );
  }
  return {
    command: o.platform === 'win32' ? 'ssh.exe' : 'ssh',
    args: [
      ...(o.keyPath ? ['-i', o.keyPath] : []),
      '-o',
      'StrictHostKeyChecking=accept-new',
      '-o',
      'BatchMode=yes',
      '--',
      `${o.user}@${o.publicIp}`,
    ],
  };
}
