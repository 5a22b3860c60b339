// The V8 flags bin/bulletin.js sets before the tool's code loads (scripts/v8-flags.js).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandName } from '../../scripts/command-name.js';
import { V8_FLAGS, v8FlagsFor } from '../../scripts/v8-flags.js';

describe('V8 flags per command', () => {
  it('let the heap grow fourfold between full collections for a batch, not for the long-running preview', () => {
    for (const command of ['build', 'print', 'check', undefined]) expect(v8FlagsFor(command)).toContain('--heap-growing-percent=300');
    expect(v8FlagsFor('preview')).not.toContain('--heap-growing-percent=300');
    // the compiling flags for every command; the bench's limit prints with the build's
    expect(v8FlagsFor('preview')).toEqual(['--no-turbo-inlining', '--interrupt-budget=150000']);
    expect(V8_FLAGS).toEqual(v8FlagsFor('build'));
  });

  it('are flags this Node knows (set from inside the process, a misspelt one would be ignored without a word)', () => {
    for (const command of ['build', 'preview']) {
      const run = spawnSync(process.execPath, [...v8FlagsFor(command), '-e', 'process.stdout.write("ok")'], { encoding: 'utf8' });
      expect(run.stderr, command).toBe('');
      expect(run.stdout).toBe('ok');
    }
  });
});

describe('the command named', () => {
  it('is the first word that is neither an option nor the value of --root, as for the flags and the CLI alike', () => {
    expect(commandName(['build', 'issues/a.md'])).toBe('build');
    expect(commandName(['--root', 'preview', 'build'])).toBe('build');
    expect(commandName(['--debug', 'preview'])).toBe('preview');
    expect(commandName(['--version'])).toBeUndefined();
  });
});
