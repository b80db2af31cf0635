import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arg, commandsWith, option } from '../command-spec.ts';
import { awsGlobalOptions } from '../global-options.ts';
import { completionModel, completionScript } from './index.ts';

// A small CLI declared like truffle and spawn declare theirs: the scripts come from this table only.
const globals = awsGlobalOptions('region', {});
const command = commandsWith(globals);
const load = () => Promise.resolve({ run: async () => {} });
const table = [
  command({
    name: 'launch',
    summary: 'launch',
    isDefault: true,
    options: {
      instanceType: option.string('type', 'type', { short: 't', complete: 'instance-types' }),
      onIdle: option.choice('action', 'idle action', ['stop', 'hibernate', 'terminate']),
      key: option.string('path', 'key file'),
    },
    load,
  }),
  command({
    name: 'search',
    summary: "search (it's quoted)",
    args: [arg.optional('query', 'type', { complete: 'instance-types' })],
    options: { sort: option.choice('key', 'order', ['price', 'vcpus', 'memory']), spot: option.flag('spot') },
    load,
  }),
  command({ name: 'connect', aliases: ['ssh'], summary: 'connect', options: {}, load }),
  command({ name: 'cleanup', summary: 'cleanup', options: {}, load }),
];
const model = completionModel({
  cli: 'demo',
  commands: table,
  globals,
  regions: ['us-east-1', 'us-west-2', 'eu-west-1'],
  instanceTypes: ['m7i.large', 'm7i.xlarge', 'm7g.large', 't3.micro'],
});
const dir = mkdtempSync(join(tmpdir(), 'completion-'));
const script = (shell: 'bash' | 'zsh' | 'fish' | 'powershell') => {
  const file = join(dir, `demo.${shell}`);
  writeFileSync(file, completionScript(shell, model));
  return file;
};

/** What bash offers for `line` (the cursor at its end), as a person pressing TAB would get it. */
function bashComplete(line: string): string[] {
  const words = line.split(' ');
  const program = `source ${script('bash')}
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}
_demo_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
}

const hasShell = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

describe('bash completion', () => {
  it.each([
    ['demo con', ['connect']],
    ['demo s', ['search', 'ssh']],
    ['demo search --sort ', ['price', 'vcpus', 'memory']],
    ['demo search --sort p', ['price']],
    ['demo search --sort = m', ['memory']],
    ['demo --instance-type m7i.l', ['m7i.large']],
    ['demo -t m7', ['m7i.large', 'm7i.xlarge', 'm7g.large']],
    ['demo search m7i.', ['m7i.large', 'm7i.xlarge']],
    ['demo --region us-east-1 search --sort v', ['vcpus']],
    ['demo search --region us-', ['us-east-1', 'us-west-2']],
    ['demo search --region eu-west-1,us-w', ['eu-west-1,us-west-2']],
    ['demo --on-idle h', ['hibernate']],
    ['demo search --sp', ['--spot']],
    ['demo connect box -- ', []],
  ])('%j completes to %j', (line, expected) => {
    expect(bashComplete(line).sort()).toEqual([...expected].sort());
  });

  it('offers options of the command named, with the globals, and not hidden ones', () => {
    const options = bashComplete('demo search --');
    expect(options).toEqual(expect.arrayContaining(['--sort', '--spot', '--region', '--profile', '--help']));
    expect(options).not.toContain('--regions');
    expect(options).not.toContain('--instance-type');
  });

  it('before a command: the default command’s options', () => {
    expect(bashComplete('demo --on')).toEqual(['--on-idle']);
  });
});

describe('other shells', () => {
  it.runIf(hasShell('zsh'))(
    'zsh: parses, and offers what bash offers (compadd stubbed: zsh filters by prefix)',
    () => {
      const run = (line: string) => {
        const words = line.split(' ');
        const program = `compadd() { while [[ $1 == -* && $1 != -- ]]; do shift; done; [[ $1 == -- ]] && shift; print -l -- "$@"; }
compset() { return 1; }
source ${script('zsh')}
words=(${words.map((w) => `'${w}'`).join(' ')}); CURRENT=${words.length}
_demo_zsh`;
        return execFileSync('zsh', ['-f', '-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
      };
      expect(run('demo search --sort ')).toEqual(['price', 'vcpus', 'memory']);
      expect(run('demo con')).toContain('connect');
      expect(run('demo --instance-type m7i')).toContain('m7g.large');
      expect(run('demo search --sort=')).toEqual(['price', 'vcpus', 'memory']);
    },
  );

  it.runIf(hasShell('fish'))('fish: `complete -C` offers commands, choices and instance types', () => {
    const run = (line: string) =>
      execFileSync('fish', ['-c', `source ${script('fish')}; complete -C '${line}'`], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('\t')[0]);
    expect(run('demo con')).toEqual(['connect']);
    expect(run('demo search --sort ')).toEqual(['memory', 'price', 'vcpus']);
    expect(run('demo --instance-type m7i.l')).toEqual(['m7i.large']);
  });

  it('powershell: registers a native completer with the table’s data (pwsh is not installed here)', () => {
    const text = completionScript('powershell', model);
    expect(text).toContain('Register-ArgumentCompleter -Native -CommandName demo');
    expect(text).toContain("'search --sort' = 'words price vcpus memory'");
    expect(text).toContain("'ssh' = 'connect'");
    expect(text).toContain("'search 0' = 'instance-types'");
  });

  it('refuses a word a shell would interpret', () => {
    const bad = completionModel({ ...model, commands: table, globals, regions: ['us-east-1; rm -rf ~'] });
    expect(() => completionScript('bash', bad)).toThrow(/unsafe word/);
  });
});
