/**
 * The widget classes, loaded in Node (Lit runs there on its DOM shim): the manifest generator and
 * the deck lint validate attributes with the widgets' own declarations (widgets/_shared/props.ts),
 * so a deck is checked by exactly the rules the widget applies on the slide.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { specsOf, type AttributeSpec } from '../widgets/_shared/props.ts';

/** What a widget class offers to tools. */
export interface WidgetClass {
  new (): HTMLElement & { attributeProblems(): string[] };
  attributeSpecs?: Map<string, AttributeSpec>;
}

/** Every `widgets/<name>/<name>.ts` with the class it defines, by tag (`dl-<name>`). */
export async function loadWidgetClasses(root: string): Promise<Map<string, WidgetClass>> {
  const out = new Map<string, WidgetClass>();
  const dir = join(root, 'widgets');
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, `${name}.ts`);
    if (name.startsWith('_') || !existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const ctor = Object.values(mod).find((v) => typeof v === 'function' && 'elementProperties' in (v as object));
    if (ctor) out.set(`dl-${name}`, ctor as WidgetClass);
  }
  return out;
}

/**
 * The problems a widget would show for these attribute values (as written in a deck), from its
 * own declarations and cross-attribute checks. Empty for a class without declarations.
 */
export function problemsFor(ctor: WidgetClass, attributes: Map<string, string>): string[] {
  const specs = specsOf(ctor);
  if (specs.length === 0) return [];
  const el = new ctor() as unknown as Record<string, unknown> & { attributeProblems(): string[]; setAttribute?(n: string, v: string): void };
  for (const [name, raw] of attributes) {
    const spec = specs.find((s) => s.attribute === name);
    if (!spec) continue;
    el[spec.field] = spec.kind === 'number' ? (raw.trim() === '' ? NaN : Number(raw)) : spec.kind === 'flag' ? true : raw;
    el.setAttribute?.(name, raw);
  }
  return el.attributeProblems();
}
