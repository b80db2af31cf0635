import { arg, commandsWith, type InputOf, option } from '../command-spec.ts';
import { positiveInt } from '../option-values.ts';

/** A two-command table for the registration tests (and a compile-time check of the inference). */
export const demoGlobals = {
  region: option.string('regions', 'region(s)', { short: 'r' }),
  cache: option.negation('neither read nor write the cache'),
} as const;

const command = commandsWith(demoGlobals);
/** A handler's input: the globals, its options, its positionals. */
export type Input<O, A extends readonly unknown[] = readonly []> = InputOf<typeof demoGlobals & O, A>;

const greetArgs = [arg.required('who', 'whom to greet'), arg.variadic('extra-words', 'more words')] as const;
const greetOptions = {
  times: option.value('n', 'how often', positiveInt),
  loud: option.flag('shout', { negatable: 'whisper' }),
  ttl: option.stringOrOff('duration', 'time to live', 'no time limit'),
  mood: option.choiceWithDefault('mood', 'how', ['calm', 'glad'], 'calm'),
  tag: option.repeatable('k=v', 'a tag', (s) => s.toUpperCase()),
  reservation: option.optionalValue('id', 'reservation'),
};
export type GreetInput = Input<typeof greetOptions, typeof greetArgs>;
export const greet = command({
  name: 'greet',
  aliases: ['hi'],
  summary: 'say hello',
  examples: [{ command: 'greet Ada --times 2', description: 'twice' }],
  args: greetArgs,
  options: greetOptions,
  load: () => import('./demo-handler.ts'),
});

export const idle = command({
  name: 'idle',
  summary: 'does nothing',
  isDefault: true,
  options: {},
  load: async () => ({ run: async () => {} }),
});

export const demoCommands = [greet, idle];
