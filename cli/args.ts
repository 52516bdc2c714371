/** A small option reader: `--name value`, `--name=value` and boolean `--flag` / `--no-flag`. */
export interface OptionSpec {
  name: string;
  type: 'string' | 'number' | 'boolean';
  help: string;
  default?: string | number | boolean;
}

export class UsageError extends Error {}

export function parseOptions(argv: string[], specs: OptionSpec[]): Record<string, string | number | boolean | undefined> {
  const values: Record<string, string | number | boolean | undefined> = {};
  for (const spec of specs) values[spec.name] = spec.default;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const negated = rawName.startsWith('no-') && specs.some((s) => s.name === rawName.slice(3) && s.type === 'boolean');
    const name = negated ? rawName.slice(3) : rawName;
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new UsageError(`unknown option --${rawName}; see --help`);
    if (spec.type === 'boolean') {
      values[name] = !negated;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (spec.type === 'number') {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, not "${value}"`);
      values[name] = n;
    } else {
      values[name] = value;
    }
  }
  return values;
}

export function describeOptions(specs: OptionSpec[]): string {
  return specs
    .map((s) => {
      const flag = s.type === 'boolean' ? `--${s.name}${s.default === true ? ` / --no-${s.name}` : ''}` : `--${s.name} <${s.type}>`;
      const def = s.default === undefined ? '' : ` (default: ${String(s.default)})`;
      return `  ${flag.padEnd(30)} ${s.help}${def}`;
    })
    .join('\n');
}
