/**
 * A strict little argument parser: `--name value` or `--name=value`. Every option takes a value,
 * so a value may start with a dash (`--beta -1` reaches the β check instead of a parser riddle).
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedArgs {
  command: string | undefined;
  options: Map<string, string>;
  /** `<command> --help` (or -h) anywhere after the command: print that command's flags. */
  help?: true;
}

export function parseArgs(
  argv: readonly string[],
  allowed: (command: string) => readonly string[] | undefined,
): ParsedArgs {
  const [command, ...rest] = argv;
  const options = new Map<string, string>();
  if (command === undefined) return { command: undefined, options };
  if (command === '--help' || command === '-h') return { command: 'help', options };
  if (command.startsWith('-'))
    throw new UsageError(
      `a command must come first, got '${command}' (commands: run, equilibrium, validate, game, list, help)`,
    );
  const names = allowed(command);
  if (!names)
    throw new UsageError(
      `unknown command '${command}' (commands: run, equilibrium, validate, game, list, help)`,
    );
  if (rest.includes('--help') || rest.includes('-h')) return { command, options, help: true };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--'))
      throw new UsageError(`unexpected argument '${arg}' (options start with --)`);
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!names.includes(name)) {
      throw new UsageError(
        `unknown option --${name} for '${command}'${names.length ? ` (options: ${names.map((n) => `--${n}`).join(', ')})` : ''}`,
      );
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = rest[i + 1];
      i++;
    }
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (options.has(name)) throw new UsageError(`--${name} is given twice`);
    options.set(name, value);
  }
  return { command, options };
}

/** Plain decimal notation only: Number() would also take '0x10', ' ' (0) and 'Infinity'. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseDecimal(raw: string): number {
  const t = raw.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/** A finite number, or a UsageError that names the option. */
export function numberOption(options: Map<string, string>, name: string): number | undefined {
  const raw = options.get(name);
  if (raw === undefined) return undefined;
  const v = parseDecimal(raw);
  if (!Number.isFinite(v)) throw new UsageError(`--${name} must be a number, got '${raw}'`);
  return v;
}

export function integerOption(options: Map<string, string>, name: string): number | undefined {
  const v = numberOption(options, name);
  if (v !== undefined && !Number.isInteger(v))
    throw new UsageError(`--${name} must be an integer, got '${options.get(name)}'`);
  return v;
}

/** Comma-separated finite numbers. */
export function listOption(options: Map<string, string>, name: string): number[] | undefined {
  const raw = options.get(name);
  if (raw === undefined) return undefined;
  return raw.split(',').map((part, i) => {
    const v = parseDecimal(part);
    if (!Number.isFinite(v))
      throw new UsageError(`--${name}: entry ${i + 1} must be a number, got '${part}'`);
    return v;
  });
}
