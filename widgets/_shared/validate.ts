/**
 * Attribute checks that produce the messages widgets show in place. Each returns the parsed value
 * and pushes a problem that names the attribute, the bad value (at most 60 characters of it) and
 * what is accepted. New widgets declare their properties with widgets/_shared/props.ts instead.
 */
import { quote } from './props.ts';

/** Collects problems while parsing a widget's attributes. */
export class AttributeCheck {
  readonly problems: string[] = [];

  /** A value from a fixed list. */
  oneOf<T extends string>(attr: string, value: string, allowed: readonly T[], fallback: T): T {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${attr}="${quote(value)}" is not recognised. Use one of: ${allowed.join(', ')}.`);
    return fallback;
  }

  /** A finite number in [min, max]. */
  number(attr: string, value: number, min: number, max: number, fallback: number): number {
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
    this.problems.push(`${attr}="${quote(value)}" is out of range. Use a number from ${min} to ${max}.`);
    return fallback;
  }

  /** A whole number in [min, max]. */
  integer(attr: string, value: number, min: number, max: number, fallback: number): number {
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    this.problems.push(`${attr}="${quote(value)}" is not allowed. Use a whole number from ${min} to ${max}.`);
    return fallback;
  }

  /** A comma-separated list whose items all come from `allowed`. */
  listOf<T extends string>(attr: string, value: string, allowed: readonly T[], fallback: T[]): T[] {
    const items = value.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = items.filter((i) => !(allowed as readonly string[]).includes(i));
    if (bad.length === 0 && items.length > 0) return items as T[];
    this.problems.push(
      items.length === 0
        ? `${attr} is empty. Give a comma-separated list from: ${allowed.join(', ')}.`
        : `${attr} has ${bad.map((b) => `"${quote(b)}"`).join(', ')}, not recognised. Use a comma-separated list from: ${allowed.join(', ')}.`,
    );
    return fallback;
  }

  /** Runs a parser that throws a readable message. */
  parse<T>(attr: string, value: string, parser: (v: string) => T, fallback: T): T {
    try {
      return parser(value);
    } catch (err) {
      this.problems.push(`${attr}="${quote(value)}": ${err instanceof Error ? err.message : String(err)}`);
      return fallback;
    }
  }
}
