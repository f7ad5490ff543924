/**
 * `npm run manifest`: writes custom-elements.json. The Custom Elements Manifest analyzer reads each
 * widget's class JSDoc (summary, events, CSS properties and parts, member docs); the attribute
 * table of every widget that declares its properties with widgets/_shared/props.ts is then
 * generated from those declarations, run in Node: name, type, default (the field's initial
 * value), accepted range or words, and the field's JSDoc. Gallery, deck lint and library read it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWidgetClasses } from '../build/widget-classes.ts';
import { specsOf, type AttributeSpec } from '../widgets/_shared/props.ts';

const root = join(import.meta.dirname, '..');
const file = join(root, 'custom-elements.json');
execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });

interface Member {
  kind: string;
  name: string;
  description?: string;
  attribute?: string;
  type?: { text: string };
  default?: string;
}
interface Declaration {
  name: string;
  tagName?: string;
  members?: Member[];
  attributes?: Record<string, unknown>[];
}
const manifest = JSON.parse(readFileSync(file, 'utf8')) as { modules: { declarations?: Declaration[] }[] };
const classes = await loadWidgetClasses(root);

/** The type as a deck author reads it. */
function typeText(spec: AttributeSpec): string {
  switch (spec.kind) {
    case 'number':
      return 'number';
    case 'flag':
      return 'boolean';
    case 'choice':
      return spec.values!.map((v) => `'${v}'`).join(' | ');
    default:
      return 'string';
  }
}

let generated = 0;
for (const decl of manifest.modules.flatMap((m) => m.declarations ?? [])) {
  const ctor = decl.tagName ? classes.get(decl.tagName) : undefined;
  const specs = ctor ? specsOf(ctor) : [];
  if (!ctor || specs.length === 0) continue;
  const instance = new ctor() as unknown as Record<string, unknown>;
  const members = new Map((decl.members ?? []).map((m) => [m.name, m]));
  decl.attributes = specs.map((spec) => {
    const member = members.get(spec.field);
    if (member) {
      member.attribute = spec.attribute;
      member.type = { text: typeText(spec) };
    }
    const bound = (b: AttributeSpec['min']) => (typeof b === 'number' ? b : undefined);
    return {
      name: spec.attribute,
      fieldName: spec.field,
      type: { text: typeText(spec) },
      default: JSON.stringify(instance[spec.field] ?? null),
      description: member?.description ?? '',
      // dl-live's own fields: what the attribute accepts (the gallery builds its controls from them).
      accepts: {
        kind: spec.kind,
        ...(spec.values ? { values: [...spec.values] } : {}),
        ...(bound(spec.min) !== undefined ? { min: bound(spec.min) } : {}),
        ...(bound(spec.max) !== undefined ? { max: bound(spec.max) } : {}),
        ...(spec.integer ? { integer: true } : {}),
        ...(spec.optional ? { optional: true } : {}),
      },
    };
  });
  generated++;
}
writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`manifest: ${classes.size} widgets, attribute tables of ${generated} generated from their declarations.`);
