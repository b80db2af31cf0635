import {
  arg,
  awsGlobalOptions,
  commandsWith,
  type InputOf,
  option,
  positiveInt,
} from '@truffle-spawn/core/cli-kit';
import { portValue } from './connect/port-value.ts';
import { maxPriceValue } from './launch/max-price.ts';

/**
 * spawn's commands as data: the one list commander registration, `--help` (with examples) and the
 * build's command entries come from. A new command is one entry here plus one handler file.
 */

/** Options every spawn command takes. */
export const spawnGlobals = awsGlobalOptions('region (list and cleanup also take a comma list or "all")', {});

const command = commandsWith(spawnGlobals);
/** A handler's input: the globals, its own options, its positionals (camelCase). */
export type Input<O, A extends readonly unknown[] = readonly []> = InputOf<typeof spawnGlobals & O, A>;

const nameArgs = [arg.required('name', 'Name tag or instance id')] as const;

const launchOptions = {
  instanceType: option.string('type', 'instance type, e.g. t3.medium (selects flags mode)', {
    short: 't',
    complete: 'instance-types',
  }),
  az: option.string('zone', 'availability zone, e.g. us-west-2a'),
  spot: option.flag('use Spot capacity (cheaper, can be interrupted)'),
  maxPrice: option.value(
    'usd',
    'Spot: highest USD/hour you accept, sent as typed (default: the on-demand price); needs --spot',
    maxPriceValue,
  ),
  fallbackOnDemand: option.flag('Spot: launch on-demand when no AZ tried has Spot capacity'),
  ttl: option.stringOrOff(
    'duration',
    'time to live, e.g. 8h, 30m, 1d, 2h30m (default 8h)',
    'no time limit (idle timeout stays on)',
  ),
  idleTimeout: option.string('duration', 'act after this long idle (default 1h)'),
  onIdle: option.choice('action', 'what to do when idle', ['stop', 'hibernate', 'terminate']),
  onExpire: option.choice('action', 'what to do when the TTL ends (default terminate)', [
    'stop',
    'hibernate',
    'terminate',
  ]),
  hibernate: option.flag('enable hibernation (RAM saved to the encrypted root volume)'),
  hibernateOnIdle: option.flag('same as --hibernate --on-idle hibernate'),
  useReservation: option.optionalValue(
    'id',
    'launch into a capacity reservation (id, or any open matching one)',
  ),
  name: option.string('name', 'Name tag (default: generated)'),
  key: option.string('path', 'SSH private key to use (default ~/.ssh/id_ed25519, created if missing)'),
  ami: option.string(
    'id',
    'AMI id instead of the latest Amazon Linux 2023 (GPU types: the NVIDIA or Neuron Deep Learning AMI)',
  ),
  user: option.string('name', 'login user (default ec2-user)'),
  disk: option.value(
    'GiB',
    "root volume in GiB (1-16384; default 20, or the image's own size when larger: GPU images are 75+ GiB). Below the image's size is an error before anything is created",
    positiveInt,
  ),
  maxStopped: option.string('duration', 'stopped longer than this: terminated with its disk (default 7d)'),
  cloudBackstop: option.negation('no EventBridge Scheduler schedule terminating it after its deadline'),
  sshConfig: option.negation(
    'leave ~/.ssh alone (default: a `Host NAME` entry in ~/.ssh/config.d/spawn, included from ~/.ssh/config)',
  ),
  sshCidr: option.string('cidr', 'who may SSH in (default: your public address /32)'),
  tag: option.repeatable(
    'KEY=VALUE',
    'tag every resource the launch creates (repeatable; spawn: and aws: keys refused)',
    (raw) => raw,
  ),
  subnet: option.string('id', 'launch in this existing subnet (its VPC and zone; no network is created)'),
  securityGroup: option.repeatable(
    'id',
    'attach this existing security group (repeatable); no SSH group is made unless --ssh-cidr',
    (raw) => raw,
  ),
  keyPair: option.string('name', 'use this existing EC2 key pair (nothing imported); its private key: --key'),
  iamInstanceProfile: option.string(
    'name',
    "your instance profile; spawnd's policy is added inline to its role (after you confirm)",
  ),
  userData: option.string(
    'file',
    "your script or #cloud-config, run after spawnd's installer (16 KB in all)",
  ),
  wait: option.choiceWithDefault('what', 'wait for', ['ssh', 'running', 'none'], 'ssh'),
  pick: option.value('n', 'pipe: use the Nth usable record (1-based)', positiveInt),
  tryAll: option.flag('pipe: on capacity errors try the next record'),
  dryRun: option.flag('show the plan and check permissions; create nothing'),
  yes: option.flag('do not ask for confirmation', { short: 'y' }),
};
export type LaunchInput = Input<typeof launchOptions>;
export const launch = command({
  name: 'launch',
  summary: 'launch an instance (wizard on a terminal, NDJSON from a pipe, or flags)',
  isDefault: true,
  examples: [
    { command: '--instance-type t3.medium --ttl 8h --idle-timeout 1h', description: 'flags mode' },
    { command: '--instance-type t3.micro --dry-run', description: 'show the plan, create nothing' },
    { command: '--ttl 1h --yes', description: 'launch the first record piped in from `truffle search`' },
    {
      command:
        '-t t3.micro --subnet subnet-0abc --security-group sg-0abc --key-pair work --key ~/.ssh/work.pem',
      description: 'in your own network, with your key pair',
    },
  ],
  options: launchOptions,
  load: () => import('./commands/launch.ts'),
});

const listOptions = {
  all: option.flag('also show terminated instances (EC2 keeps them for about an hour)', { short: 'a' }),
  unprotected: option.flag('only running instances whose spawnd is silent or stale (exit code stays 0)'),
  group: option.string('name', 'only the instances of a `spawn run --count` group'),
};
export type ListInput = Input<typeof listOptions>;
export const list = command({
  name: 'list',
  summary: 'spawn-managed instances: state, time left, idle state and cost so far',
  examples: [
    { command: 'list', description: 'instances in every enabled region' },
    { command: 'list --region eu-west-1 --all', description: 'one region, terminated ones too' },
    { command: 'list --unprotected --output json', description: 'only those spawnd no longer guards' },
  ],
  options: listOptions,
  load: () => import('./commands/list.ts'),
});

const statusOptions = {};
export type StatusInput = Input<typeof statusOptions, typeof nameArgs>;
export const status = command({
  name: 'status',
  summary: 'everything about one instance: deadline, idle policy, what spawnd does next',
  examples: [
    { command: 'status my-box', description: 'by Name tag' },
    { command: 'status i-0123456789abcdef0 --output json', description: 'by id, as one JSON record' },
  ],
  args: nameArgs,
  options: statusOptions,
  load: () => import('./commands/status.ts'),
});

const connectArgs = [...nameArgs, arg.variadic('ssh-args', 'extra ssh arguments, after --')] as const;
const connectOptions = {
  key: option.string('path', 'private key to use (default: the one the launch used)'),
  port: option.repeatable(
    'port',
    'forward localhost:PORT to the instance (repeatable; LOCAL:REMOTE too)',
    portValue,
  ),
};
export type ConnectInput = Input<typeof connectOptions, typeof connectArgs>;
export const connect = command({
  name: 'connect',
  aliases: ['ssh'],
  summary: 'ssh into an instance with the right key, user and address',
  examples: [
    { command: 'connect my-box', description: 'an interactive shell' },
    { command: 'ssh my-box -- nvidia-smi', description: 'run one command (ssh arguments after --)' },
    {
      command: 'connect my-box --port 8888 --port 8080:80',
      description: 'Jupyter on localhost:8888, LOCAL:REMOTE',
    },
    { command: 'connect my-box --key ~/.ssh/work_ed25519', description: 'with another key' },
  ],
  args: connectArgs,
  options: connectOptions,
  load: () => import('./commands/connect.ts'),
});

const allowIpOptions = {
  cidr: option.string('cidr', 'the address to allow, as a /32 (default: your public address)'),
};
export type AllowIpInput = Input<typeof allowIpOptions, typeof nameArgs>;
export const allowIp = command({
  name: 'allow-ip',
  summary: "let your current address SSH in: replaces the old /32 in the instance's own security group",
  examples: [
    { command: 'allow-ip my-box', description: 'after your public IP changed (new network, VPN)' },
    { command: 'allow-ip my-box --cidr 203.0.113.7/32', description: 'a given address' },
  ],
  args: nameArgs,
  options: allowIpOptions,
  load: () => import('./commands/allow-ip.ts'),
});

const extendArgs = [...nameArgs, arg.optional('duration', 'how much longer, e.g. 2h, 30m, 1d')] as const;
const extendOptions = {
  to: option.string('time', 'new deadline, ISO-8601 (e.g. 2030-01-31T18:00:00Z)'),
};
export type ExtendInput = Input<typeof extendOptions, typeof extendArgs>;
export const extend = command({
  name: 'extend',
  summary: 'move the TTL deadline later (by a duration, or --to a time)',
  examples: [
    { command: 'extend my-box 2h', description: 'two more hours' },
    { command: 'extend my-box --to 2030-01-31T18:00:00Z', description: 'a new deadline' },
  ],
  args: extendArgs,
  options: extendOptions,
  load: () => import('./commands/extend.ts'),
});

// stop, hibernate and start take the same input: the instance and whether to wait for EC2.
const waitOptions = {
  wait: option.negation('return once EC2 accepted the request'),
};

export type StopInput = Input<typeof waitOptions, typeof nameArgs>;
export const stop = command({
  name: 'stop',
  summary: 'stop an instance; its TTL pauses until `spawn start` (the disk is still billed)',
  examples: [
    { command: 'stop my-box', description: 'stop and wait until it is stopped' },
    { command: 'stop my-box --no-wait', description: 'return once EC2 accepted the request' },
  ],
  args: nameArgs,
  options: waitOptions,
  load: () => import('./commands/stop.ts'),
});

export type HibernateInput = Input<typeof waitOptions, typeof nameArgs>;
export const hibernate = command({
  name: 'hibernate',
  summary: 'hibernate (save RAM to disk) an instance launched with --hibernate; TTL pauses',
  examples: [
    { command: 'hibernate my-box', description: 'save RAM to disk and stop' },
    { command: 'hibernate my-box --no-wait', description: 'return once EC2 accepted the request' },
  ],
  args: nameArgs,
  options: waitOptions,
  load: () => import('./commands/hibernate.ts'),
});

export type StartInput = Input<typeof waitOptions, typeof nameArgs>;
export const start = command({
  name: 'start',
  summary: 'start a stopped instance; its paused TTL resumes',
  examples: [
    { command: 'start my-box', description: 'start and wait until it runs' },
    { command: 'start my-box --no-wait', description: 'return once EC2 accepted the request' },
  ],
  args: nameArgs,
  options: waitOptions,
  load: () => import('./commands/start.ts'),
});

const terminateArgs = [arg.optional('name', 'Name tag or instance id (or --group)')] as const;
const terminateOptions = {
  yes: option.flag('do not ask for confirmation', { short: 'y' }),
  group: option.string('name', 'every instance of a `spawn run --count` group (asked once)'),
};
export type TerminateInput = Input<typeof terminateOptions, typeof terminateArgs>;
export const terminate = command({
  name: 'terminate',
  summary: 'terminate an instance and delete the resources launch created for it',
  examples: [
    { command: 'terminate my-box', description: 'asks first (on a terminal)' },
    { command: 'terminate i-0123456789abcdef0 --yes', description: 'no question (scripts, pipes)' },
    {
      command: 'terminate --group sweep --yes',
      description: 'all instances of `spawn run --count N --name sweep`',
    },
  ],
  args: terminateArgs,
  options: terminateOptions,
  load: () => import('./commands/terminate.ts'),
});

const cleanupOptions = {
  yes: option.flag('delete them (default: only show what would be deleted)', { short: 'y' }),
  shared: option.flag('also the shared network and IAM role/profile, once no instance uses them'),
};
export type CleanupInput = Input<typeof cleanupOptions>;
export const cleanup = command({
  name: 'cleanup',
  summary: 'find spawn-tagged leftovers of terminated instances (dry run), delete with --yes',
  examples: [
    { command: 'cleanup --regions all', description: 'what is left behind, and its monthly cost' },
    { command: 'cleanup --yes', description: 'delete it' },
    { command: 'cleanup --yes --shared', description: 'also the shared network and IAM role' },
  ],
  options: cleanupOptions,
  load: () => import('./commands/cleanup.ts'),
});

// spawn run / wait (issue 16): a launch plus a job; the launch options are the launch command's own.
const runArgs = [
  arg.variadic('command', 'the command and its arguments (after --), or a script path'),
] as const;
const runOptions = {
  ...launchOptions,
  onComplete: option.choiceWithDefault(
    'action',
    'what to do with the instance when the job ends',
    ['terminate', 'stop', 'hibernate', 'keep'],
    'terminate',
  ),
  completeDelay: option.string(
    'duration',
    'how long after the job ends (default 1m; logged-in users are warned)',
  ),
  count: option.value(
    'n',
    'launch N instances (NAME-0..N-1, SPAWN_INDEX 0..N-1, one spawn:group); above 10 needs --yes',
    positiveInt,
  ),
  partial: option.flag(
    '--count: keep the instances that launched when capacity runs out (default: roll all back)',
  ),
  sync: option.string('dir', "copy the directory's contents to ~/work over SSH before the job starts"),
  exclude: option.repeatable(
    'pattern',
    '--sync: leave out files matching this tar glob (repeatable)',
    (s) => s,
  ),
  env: option.repeatable(
    'KEY',
    'pass the local variable KEY to the job over SSH (never in user-data or tags; not KEY=VALUE)',
    (s) => s,
  ),
};
export type RunInput = Input<typeof runOptions, typeof runArgs>;
export const runJob = command({
  name: 'run',
  summary: 'launch an instance, run a command on it, end the instance when the command ends',
  examples: [
    {
      command: 'run --instance-type g6.xlarge --ttl 4h -- python train.py --epochs 3',
      description: 'flags mode',
    },
    {
      command: 'run -t t3.micro --on-complete stop -- ./job.sh',
      description: 'stop (not terminate) when done',
    },
    { command: 'run --yes -- make test', description: 'the first record piped in from `truffle search`' },
    {
      command: 'run -t t3.micro --sync ./project --exclude .git --env HF_TOKEN -- ./train.sh',
      description: 'files, a secret and a script',
    },
  ],
  args: runArgs,
  options: runOptions,
  load: () => import('./commands/run.ts'),
});

const jobWaitArgs = [arg.optional('name', 'Name tag or instance id (or --group)')] as const;
const jobWaitOptions = {
  interval: option.string('duration', 'how often to read the tags (default 15s)'),
  group: option.string('name', 'every instance of a --count launch; exit 0 only if all succeeded'),
};
export type JobWaitInput = Input<typeof jobWaitOptions, typeof jobWaitArgs>;
export const jobWait = command({
  name: 'wait',
  summary: "wait for an instance's job to end (tags only, no SSH); exits with the job's exit code",
  examples: [
    { command: 'wait my-job', description: 'state changes on stderr, a job record on stdout' },
    { command: 'wait my-job && echo done', description: '0 only when the job succeeded' },
    { command: 'wait --group sweep', description: 'all jobs of `spawn run --count N --name sweep`' },
  ],
  args: jobWaitArgs,
  options: jobWaitOptions,
  load: () => import('./commands/wait.ts'),
});

const logsOptions = {
  follow: option.flag('keep printing new output until the job ends', { short: 'f' }),
  key: option.string('path', 'private key to use (default ~/.ssh/id_ed25519, else id_rsa)'),
};
export type LogsInput = Input<typeof logsOptions, typeof nameArgs>;
export const jobLogs = command({
  name: 'logs',
  summary: "the job's output (stdout and stderr), over SSH",
  examples: [
    { command: 'logs my-job', description: 'everything so far' },
    { command: 'logs my-job -f', description: 'from the start, following until the job ends' },
  ],
  args: nameArgs,
  options: logsOptions,
  load: () => import('./commands/logs.ts'),
});

const completionArgs = [arg.required('shell', 'bash, zsh, fish or powershell')] as const;
const completionOptions = {};
export type CompletionInput = Input<typeof completionOptions, typeof completionArgs>;
export const completion = command({
  name: 'completion',
  summary: 'print the shell completion script (bash, zsh, fish, powershell); see the README to install it',
  examples: [
    { command: 'completion bash > ~/.local/share/bash-completion/completions/spawn', description: 'bash' },
    { command: 'completion zsh > ~/.zfunc/_spawn', description: 'zsh (~/.zfunc in fpath, before compinit)' },
    { command: 'completion fish > ~/.config/fish/completions/spawn.fish', description: 'fish' },
  ],
  args: completionArgs,
  options: completionOptions,
  load: () => import('./commands/completion.ts'),
});

/** Every spawn command, in `spawn --help` order. */
export const spawnCommands = [
  launch,
  list,
  status,
  connect,
  allowIp,
  extend,
  stop,
  hibernate,
  start,
  terminate,
  cleanup,
  runJob,
  jobWait,
  jobLogs,
  completion,
] as const;
