#!/usr/bin/env node
/**
 * Entry point of `npm run -s cli -- …`. Bad input exits 2 with one line `error: …` on stderr;
 * anything unexpected exits 1 (set NASH_DEBUG=1 for the stack).
 */
import { EquilibriumError } from '../core/equilibrium';
import { PresetError } from '../core/presets';
import { RunError } from '../core/run';
import { QueryModelError } from '../core/sampling';
import { ParamError } from '../core/solvers';
import { GameValidationError } from '../core/validate';
import { ComparisonsError } from '../comparisons/parse';
import { FormulaError } from '../formula/errors';
import { parseArgs, UsageError } from './args';
import { commandHelp } from './help';
import {
  COMMAND_OPTIONS,
  equilibriumCommand,
  gameCommand,
  helpText,
  listCommand,
  runCommand,
  validateCommand,
} from './commands';

const INPUT_ERRORS = [
  UsageError,
  GameValidationError,
  PresetError,
  ParamError,
  RunError,
  QueryModelError,
  ComparisonsError,
  FormulaError,
];

export async function main(
  argv: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { command, options, help } = parseArgs(argv, (c) => COMMAND_OPTIONS[c]);
    if (help && command !== undefined) {
      return {
        code: 0,
        stdout: `${commandHelp(command, COMMAND_OPTIONS[command] ?? [])}\n`,
        stderr: '',
      };
    }
    let out: string;
    let warnings: string[] = [];
    switch (command) {
      case 'run':
        out = await runCommand(options);
        break;
      case 'equilibrium':
        out = equilibriumCommand(options);
        break;
      case 'validate':
        out = validateCommand(options);
        break;
      case 'game':
        ({ out, warnings } = gameCommand(options));
        break;
      case 'list':
        out = listCommand(options);
        break;
      case 'help':
        out = helpText();
        break;
      default:
        return {
          code: 2,
          stdout: '',
          stderr:
            'error: no command given (commands: run, equilibrium, validate, game, list, help)\n',
        };
    }
    return { code: 0, stdout: `${out}\n`, stderr: warnings.map((w) => `${w}\n`).join('') };
  } catch (e) {
    if (INPUT_ERRORS.some((cls) => e instanceof cls)) {
      const prefix = e instanceof GameValidationError ? 'invalid game: ' : '';
      return { code: 2, stdout: '', stderr: `error: ${prefix}${oneLine((e as Error).message)}\n` };
    }
    const detail = process.env.NASH_DEBUG ? `\n${(e as Error).stack ?? ''}` : '';
    const kind = e instanceof EquilibriumError ? 'equilibrium solver failed' : 'internal error';
    return {
      code: 1,
      stdout: '',
      stderr: `${kind}: ${oneLine(e instanceof Error ? e.message : String(e))}${detail}\n`,
    };
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ');
}

const isEntry = process.argv[1] !== undefined && /main\.[cm]?[tj]s$/.test(process.argv[1]);
if (isEntry) {
  void main(process.argv.slice(2)).then(({ code, stdout, stderr }) => {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    process.exitCode = code;
  });
}
