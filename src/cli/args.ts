/**
 * Command-line argument parsing for `annalist`. Kept apart from I/O so the contract is unit-tested.
 */

export type Command = 'check' | 'hover' | 'complete' | 'lookup' | 'validate' | 'bibliography';

export interface CliArgs {
  command: Command;
  format?: string;
  datasets: string[];
  bibliographies: string[];
  /** `--no-shipped`: leave the shipped dataset out. */
  noShipped: boolean;
  style?: string;
  positional: string[];
}

export class UsageError extends Error {}

const FORMATS: Record<Command, string[]> = {
  check: ['text', 'json', 'sarif'],
  hover: ['markdown', 'json'],
  complete: ['json', 'text'],
  lookup: ['text', 'json'],
  validate: ['text', 'json'],
  bibliography: ['markdown', 'text', 'json'],
};

export const USAGE = `Usage:
  annalist check [--format text|json|sarif] [--dataset FILE]... [--bibliography FILE]... [--no-shipped] FILE...
  annalist hover FILE LINE:COLUMN [--format markdown|json]
  annalist complete FILE LINE:COLUMN [--format json|text]
  annalist lookup TEXT [--format text|json]
  annalist validate FILE...
  annalist bibliography FILE [--style NAME] [--format markdown|text|json]

Positions are 1-based (LINE:COLUMN, as in the editor's status bar).
Exit status: 0 nothing found, 1 problems found, 2 bad usage or unreadable input.`;

/** Parses argv (without `node` and the script). Throws UsageError with a one-line reason. */
export function parseArgs(argv: string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command) throw new UsageError('no command given');
  if (!(command in FORMATS)) throw new UsageError(`unknown command '${command}'`);
  const args: CliArgs = { command: command as Command, datasets: [], bibliographies: [], noShipped: false, positional: [] };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (): string => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    const name = a.startsWith('--') ? a.split('=')[0] : a;
    switch (name) {
      case '--format': args.format = value(); break;
      case '--dataset': args.datasets.push(value()); break;
      case '--bibliography': args.bibliographies.push(value()); break;
      case '--style': args.style = value(); break;
      case '--no-shipped': args.noShipped = true; break;
      case '--': args.positional.push(...rest.slice(i + 1)); i = rest.length; break;
      default:
        if (a.startsWith('--')) throw new UsageError(`unknown option '${name}'`);
        args.positional.push(a);
    }
  }
  if (args.format && !FORMATS[args.command].includes(args.format)) {
    throw new UsageError(`'${args.command}' has no format '${args.format}' (use ${FORMATS[args.command].join(', ')})`);
  }
  const need = (n: number, what: string) => {
    if (args.positional.length < n) throw new UsageError(`'${args.command}' needs ${what}`);
  };
  switch (args.command) {
    case 'check': need(1, 'at least one FILE'); break;
    case 'validate': need(1, 'at least one FILE'); break;
    case 'lookup': need(1, 'a TEXT to look up'); break;
    case 'bibliography': need(1, 'a FILE'); break;
    case 'hover':
    case 'complete':
      need(2, 'FILE and LINE:COLUMN');
      if (args.positional.length > 2) throw new UsageError(`'${args.command}' takes one FILE and one LINE:COLUMN`);
      parsePosition(args.positional[1]);
      break;
  }
  return args;
}

/** `LINE:COLUMN` (1-based) → 0-based position. */
export function parsePosition(text: string): { line: number; character: number } {
  const m = /^(\d+):(\d+)$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) throw new UsageError(`'${text}' is not a position (LINE:COLUMN, both from 1)`);
  return { line: Number(m[1]) - 1, character: Number(m[2]) - 1 };
}
