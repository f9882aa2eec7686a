import { describe, expect, it } from 'vitest';
import { COMMAND_OPTIONS } from '../../../src/cli/commands';
import { flagHelp } from '../../../src/cli/help';
import { main } from '../../../src/cli/main';

describe('the CLI finds its own way', () => {
  it('describes every flag of every command', () => {
    for (const [command, flags] of Object.entries(COMMAND_OPTIONS))
      for (const flag of flags) expect(flagHelp(flag), `${command} --${flag}`).toBeDefined();
  });

  it.each(Object.keys(COMMAND_OPTIONS))(
    '%s --help prints its flags with defaults',
    async (command) => {
      for (const help of ['--help', '-h']) {
        const r = await main([command, help]);
        expect(r.code).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain(`Usage: npm run -s cli -- ${command}`);
        for (const flag of COMMAND_OPTIONS[command]!) expect(r.stdout).toContain(`--${flag} `);
      }
    },
  );

  it('run --help names the defaults', async () => {
    const { stdout } = await main(['run', '--help']);
    expect(stdout).toMatch(/--beta β\s+KL strength.*\(default: 0\.1\)/);
    expect(stdout).toMatch(/--steps N\s+.*\(default: 1000\)/);
    expect(stdout).toMatch(/--queries exact\|sampled.*\(default: exact\)/);
  });

  it('--help wins over other flags, even bad ones', async () => {
    const r = await main(['run', '--game', 'nope', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--solver');
  });

  it('list names the custom solver, its flags and the guide', async () => {
    const text = (await main(['list'])).stdout;
    expect(text).toMatch(/custom\s+Custom solver — your own update rule, typed as a formula/);
    expect(text).toContain('--formula-file <path>');
    expect(text).toContain('docs/custom-solvers.md');
    const json = JSON.parse((await main(['list', '--json', 'true'])).stdout) as {
      custom: { id: string; flags: string[]; guide: string };
    };
    expect(json.custom.id).toBe('custom');
    expect(json.custom.flags).toContain('--eta');
    expect(json.custom.guide).toBe('docs/custom-solvers.md');
  });
});
