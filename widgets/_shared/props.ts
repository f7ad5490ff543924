/**
 * One declaration per widget property: the attribute, its type, what it accepts and its doc, in
 * one place. The widget validates with it, the deck lint (`npm run check`) validates decks with
 * the very same rules (it instantiates the widget in Node), and the manifest's attribute table
 * (`npm run manifest`) is generated from it. The default is the field's initial value.
 *
 * ```ts
 * export class DlThing extends DlElement {
 *   /** Dataset: the 2-D problem. *\/
 *   @choice(DATASETS) dataset: Dataset = 'spiral';
 *   /** Learning rate of plain SGD. *\/
 *   @num({ min: 1e-6, max: 10 }) learningRate = 0.03;   // attribute "learning-rate"
 *   /** Hidden layer widths, comma-separated. *\/
 *   @text({ attribute: 'hidden-layers', check: checkWidths }) hiddenLayers = '8,8';
 *   /** Start training when shown. *\/
 *   @flag() autoplay = false;
 * }
 * ```
 * Attribute names are the field names in kebab-case unless `attribute` says otherwise. A bad
 * value never throws: the widget shows one message per attribute, naming it, the value (at most
 * 60 characters of it) and what is accepted, and does not start until it is fixed.
 */
import type { ReactiveElement } from 'lit';
import { property } from 'lit/decorators.js';

/** Bounds may depend on other attributes (`rank` ≤ `rows`). */
type Bound = number | ((host: never) => number);

/** What one attribute accepts. */
export interface AttributeSpec {
  /** The property (camelCase). */
  field: string;
  /** The attribute (kebab-case). */
  attribute: string;
  kind: 'number' | 'choice' | 'list' | 'flag' | 'text';
  min?: Bound;
  max?: Bound;
  /** Whole numbers only. */
  integer?: boolean;
  /** Accepted words (choice, list). */
  values?: readonly string[];
  /** Absent is fine (a choice like `backend` that defaults to "the page decides"; a number whose default is NaN). */
  optional?: boolean;
  /** Longest accepted text. */
  maxLength?: number;
  /** Extra check for text: a message saying what is wrong and what to write, or null. */
  check?: (value: string, host: never) => string | null;
}

/** Options every declaration takes. */
interface Common {
  /** Attribute name (default: the field name in kebab-case). */
  attribute?: string;
}

/** A class that carries declarations. */
export interface SpecHolder {
  attributeSpecs?: Map<string, AttributeSpec>;
}

/** `learningRate` → `learning-rate`. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Quote a user's value in a message: at most 60 characters of it. */
export function quote(value: unknown): string {
  const s = String(value);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Numbers from attributes: an empty or missing number is NaN (a problem), never a silent 0. */
export const numberConverter = {
  fromAttribute: (v: string | null) => (v === null || v.trim() === '' ? NaN : Number(v)),
  toAttribute: (v: number) => String(v),
};

/**
 * Lit compares with Object.is, so NaN → NaN is "no change": "twelve" edited to "" would keep the
 * message quoting "twelve". A NaN is always a change, so the message follows what was written.
 */
export function numberChanged(value: unknown, old: unknown): boolean {
  return !Object.is(value, old) || Number.isNaN(value);
}

function declare(spec: Omit<AttributeSpec, 'field' | 'attribute'> & Common, lit: Parameters<typeof property>[0]) {
  return (proto: object, field: string): void => {
    const ctor = proto.constructor as typeof ReactiveElement & SpecHolder;
    if (!Object.prototype.hasOwnProperty.call(ctor, 'attributeSpecs')) ctor.attributeSpecs = new Map(ctor.attributeSpecs ?? []);
    const attribute = spec.attribute ?? kebab(field);
    ctor.attributeSpecs!.set(field, { ...spec, field, attribute });
    property({ ...lit, attribute })(proto as ReactiveElement, field);
  };
}

/** A number in [min, max] (`integer: true` for whole numbers). */
export function num(spec: { min: Bound; max: Bound; integer?: boolean; optional?: boolean } & Common) {
  return declare({ kind: 'number', ...spec }, { type: Number, converter: numberConverter, hasChanged: numberChanged });
}

/** A whole number in [min, max]. */
export function int(min: Bound, max: Bound, options: Common = {}) {
  return num({ min, max, integer: true, ...options });
}

/** One word from `values` (`optional`: absent or empty is accepted too). */
export function choice(values: readonly string[], options: Common & { optional?: boolean } = {}) {
  return declare({ kind: 'choice', values, ...options }, {});
}

/** A comma-separated list of words from `values`. */
export function list(values: readonly string[], options: Common = {}) {
  return declare({ kind: 'list', values, ...options }, {});
}

/** A boolean attribute: present means true. */
export function flag(options: Common = {}) {
  return declare({ kind: 'flag', ...options }, { type: Boolean });
}

/** Free text, with an optional length limit and check. */
export function text(options: Common & { maxLength?: number; check?: (value: string, host: never) => string | null } = {}) {
  return declare({ kind: 'text', ...options }, {});
}

function bound(b: Bound | undefined, host: object, fallback: number): number {
  if (b === undefined) return fallback;
  return typeof b === 'function' ? (b as (h: object) => number)(host) : b;
}

/**
 * The problem with one value, or null. `raw` is the attribute text when there is one (the
 * message quotes what the author wrote, not what the converter made of it).
 */
export function problemWith(spec: AttributeSpec, value: unknown, host: object, raw: string | null): string | null {
  const a = spec.attribute;
  const shown = quote(raw ?? value);
  switch (spec.kind) {
    case 'flag':
      return null;
    case 'number': {
      const min = bound(spec.min, host, -Infinity);
      const max = bound(spec.max, host, Infinity);
      const range = `${spec.integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;
      const v = value as number;
      if (spec.optional && raw === null && Number.isNaN(v)) return null; // absent: the widget decides
      if (raw !== null && raw.trim() === '') return `${a}="" is empty. Use ${range}.`;
      if (typeof v !== 'number' || Number.isNaN(v)) return `${a}="${shown}" is not a number. Use ${range}.`;
      if (spec.integer && (!Number.isInteger(v) || v < min || v > max)) return `${a}="${shown}" is not allowed. Use ${range}.`;
      if (!Number.isFinite(v) || v < min || v > max) return `${a}="${shown}" is out of range. Use ${range}.`;
      return null;
    }
    case 'choice': {
      const v = value === null || value === undefined ? '' : String(value);
      if (v === '' && spec.optional) return null;
      if (spec.values!.includes(v)) return null;
      return `${a}="${shown}" is not recognised. Use one of: ${spec.values!.join(', ')}.`;
    }
    case 'list': {
      const items = String(value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const bad = items.filter((i) => !spec.values!.includes(i));
      if (items.length === 0) return `${a}="" is empty. Give a comma-separated list from: ${spec.values!.join(', ')}.`;
      if (bad.length > 0) return `${a}="${shown}" has ${bad.map((b) => `"${quote(b)}"`).join(', ')}, not recognised. Use a comma-separated list from: ${spec.values!.join(', ')}.`;
      return null;
    }
    case 'text': {
      const v = String(value ?? '');
      if (spec.maxLength !== undefined && v.length > spec.maxLength) return `${a} is ${v.length.toLocaleString('en')} characters long. Use at most ${spec.maxLength.toLocaleString('en')}.`;
      const msg = spec.check?.(v, host as never);
      return msg ? `${a}="${shown}": ${msg}` : null;
    }
  }
}

/** The declarations of a widget class (empty for a class without any). */
export function specsOf(ctor: unknown): AttributeSpec[] {
  return [...((ctor as SpecHolder).attributeSpecs?.values() ?? [])];
}
