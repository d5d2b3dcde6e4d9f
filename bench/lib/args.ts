import type { StoreKind } from '../../src/storage/database.js';

/** Named data-set sizes: small for the quick run and CI-sized checks, large for the issue-9 goals. */
export const SIZES = { small: 10_000, medium: 100_000, large: 1_000_000 } as const;

/** `small`, `medium`, `large` or a positive integer. */
export function parseSize(value: string): number {
  if (value in SIZES) return SIZES[value as keyof typeof SIZES];
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`--size must be small, medium, large or a positive integer, got "${value}"`);
  }
  return n;
}

export function parseStore(value: string): StoreKind {
  if (value === 'sqlite' || value === 'postgres') return value;
  throw new Error(`--store must be sqlite or postgres, got "${value}"`);
}

/** Minimal `--flag value` / `--flag` parser; unknown flags are an error so a typo is not silently ignored. */
export function parseFlags(
  argv: readonly string[],
  known: Record<string, 'value' | 'boolean'>,
): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const type = known[name];
    if (!type)
      throw new Error(
        `unknown option --${name}; known: ${Object.keys(known)
          .map((k) => `--${k}`)
          .join(' ')}`,
      );
    if (type === 'boolean') out.set(name, true);
    else {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      out.set(name, value);
    }
  }
  return out;
}
