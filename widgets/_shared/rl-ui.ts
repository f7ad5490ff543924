/**
 * Pieces the two reinforcement-learning widgets of lecture 6 (`<dl-gridworld>`,
 * `<dl-ppo-rollouts>`) share: numbers written with a true minus sign, the mean of the last
 * episodes' returns, and a `<select>` over a few preset numbers that also offers the current
 * value (a deck may set one that is not in the list).
 *
 * ```ts
 * presetSelect({ label: 'Speed', value: this.speed, presets: [1, 5, 25], format: (v) => `${v} / frame`, onPick: (v) => (this.speed = v) })
 * ```
 */
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** `v` with `digits` decimals and a true minus sign ("−0.36"); a value that rounds to zero is "0.00". */
export function fmt(v: number, digits = 2): string {
  const s = Math.abs(v) < 0.5 * 10 ** -digits ? (0).toFixed(digits) : v.toFixed(digits);
  return s.replace('-', '−');
}

/** Mean of the last `n` entries (NaN when there are none). */
export function meanOfLast(values: readonly number[], n: number): number {
  const last = n > 0 ? values.slice(-n) : [];
  return last.length ? last.reduce((a, b) => a + b, 0) / last.length : NaN;
}

/** A labelled `<select>` of `presets` plus the current `value`, in ascending order. */
export function presetSelect(o: {
  label: string;
  value: number;
  presets: readonly number[];
  onPick: (value: number) => void;
  format?: (value: number) => string;
  title?: string;
}): TemplateResult {
  const options = [...new Set([...o.presets, o.value])].sort((a, b) => a - b);
  return html`<label title=${ifDefined(o.title)}
    >${o.label}
    <select @change=${(e: Event) => o.onPick(Number((e.target as HTMLSelectElement).value))}>
      ${options.map((v) => html`<option .value=${String(v)} ?selected=${v === o.value}>${o.format ? o.format(v) : String(v)}</option>`)}
    </select></label
  >`;
}
