/**
 * Attribute VALUE rules for the deck lint, read from the widget manifest: a `number` attribute
 * must hold a number, and an attribute whose JSDoc lists its choices with `|`
 * ("Activation: relu | tanh | sigmoid | linear.") must hold one of them (each item, when the
 * description says the value is comma-separated). Widgets check their values at run time too;
 * this names the file and line before anyone opens the deck.
 */

/** What one attribute accepts. */
export interface ValueRule {
  kind: 'number' | 'enum';
  /** Accepted words, for `enum`. */
  values?: string[];
  /** The value is a comma-separated list of accepted words. */
  list?: boolean;
}

/** Manifest attribute shape (the parts we read). */
export interface ManifestAttribute {
  name: string;
  type?: { text?: string };
  description?: string;
}

/**
 * The choices a description lists, when it lists them plainly: "Activation: relu | tanh | sigmoid."
 * or "(webgpu | webgl | wasm | cpu)", with optional notes in parentheses. A list mixed with prose
 * ("valid | same | a whole number …") gives nothing: such values are left to the widget.
 */
export function choicesFrom(description: string): string[] {
  const candidates: string[] = [];
  const colon = description.indexOf(':');
  if (colon >= 0) candidates.push(description.slice(colon + 1).split(/\.\s|\.$|;/)[0]);
  for (const m of description.matchAll(/\(([^()]*\|[^()]*)\)/g)) candidates.push(m[1]);
  for (const c of candidates) {
    const plain = c.replace(/\([^()]*\)/g, ' ').trim();
    if (!plain.includes('|') || !/^[A-Za-z0-9][\w.-]*(\s*[|,]\s*[A-Za-z0-9][\w.-]*)*$/.test(plain)) continue;
    return plain.split(/\s*[|,]\s*/);
  }
  return [];
}

/** The rule for one manifest attribute, or null when nothing can be checked. */
export function ruleFor(attr: ManifestAttribute): ValueRule | null {
  const type = (attr.type?.text ?? '').replace(/\s*\|\s*(null|undefined)\b/g, '').trim();
  if (type === 'number') return { kind: 'number' };
  if (type !== 'string' && !/^('[^']*'\s*\|\s*)+'[^']*'$/.test(type)) return null;
  const literal = [...type.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const values = literal.length > 1 ? literal : choicesFrom(attr.description ?? '');
  if (values.length < 2) return null;
  return { kind: 'enum', values, list: /comma/i.test(attr.description ?? '') };
}

/** A message when `value` breaks `rule`, else null. */
export function checkValue(tag: string, name: string, value: string, rule: ValueRule): string | null {
  if (rule.kind === 'number') {
    if (value.trim() === '' || !Number.isFinite(Number(value))) return `<${tag}> ${name}="${value}" is not a number.`;
    return null;
  }
  const accepted = rule.values ?? [];
  const items = rule.list ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : [value];
  const bad = items.filter((v) => !accepted.includes(v));
  if (bad.length === 0 && items.length > 0) return null;
  const shown = bad.length > 0 ? bad.map((b) => `"${b}"`).join(', ') : '""';
  return `<${tag}> ${name}="${value}": ${shown} is not accepted. Use ${rule.list ? 'a comma-separated list of ' : 'one of '}${accepted.join(', ')}.`;
}
