import { css } from 'lit';

export const styles = css`
  :host {
    --attention-high: var(--dl-color-accent, #0877bd);
    --attention-low: var(--dl-color-surface-raised, #ffffff);
    --right: var(--dl-color-success, #2e7d32);
    --wrong: var(--dl-color-error, #b3261e);
    --cross-size: 280px;
    --self-size: 124px;
    max-width: 1200px;
    margin: 0 auto;
  }
  .settings {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 14px;
    align-items: center;
    margin: 4px 0;
  }
  .settings input[type='number'] {
    width: 5em;
  }
  input[type='text'] {
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 5px;
    padding: 2px 4px;
    width: 13em;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 270px;
    gap: 12px;
    align-items: start;
  }
  .sequence {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 16px;
    align-items: center;
    margin: 4px 0 6px;
  }
  .tokens {
    display: grid;
    gap: 1px 3px;
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    font-size: 0.85em;
    align-items: center;
  }
  .tokens.placeholder {
    display: block;
    color: var(--dl-color-muted, #5b6573);
    font-family: inherit;
  }
  .tokens span {
    text-align: center;
    border-radius: 3px;
  }
  .tokens .label {
    text-align: right;
    padding-right: 4px;
    color: var(--dl-color-muted, #5b6573);
    font-family: var(--dl-font-ui, system-ui, sans-serif);
    font-size: 0.9em;
  }
  .tokens .tok {
    font-weight: 600;
  }
  .tokens .right {
    background: color-mix(in srgb, var(--right) 18%, transparent);
  }
  .tokens .wrong {
    background: color-mix(in srgb, var(--wrong) 20%, transparent);
  }
  .tokens .conf {
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
  }
  .tokens .want {
    color: var(--dl-color-muted, #5b6573);
  }
  .tokens .hot {
    outline: 2px solid var(--dl-color-fg, #1d2430);
  }
  .tokens .bar {
    height: 14px;
    display: flex;
    align-items: flex-end;
    background: color-mix(in srgb, var(--dl-color-muted, #5b6573) 12%, transparent);
    border-radius: 2px;
  }
  .tokens .bar i {
    display: block;
    width: 100%;
    background: var(--attention-high);
    border-radius: 2px;
  }
  .maps {
    display: flex;
    flex-wrap: wrap;
    gap: 10px 14px;
    align-items: flex-start;
  }
  .cross-maps {
    display: flex;
    flex-wrap: wrap;
    gap: 10px 12px;
  }
  .self-grid {
    display: grid;
    gap: 4px 8px;
  }
  figure {
    margin: 0;
    text-align: center;
  }
  figcaption {
    font-size: 0.75em;
    color: var(--dl-color-muted, #5b6573);
  }
  .self-title {
    font-size: 0.75em;
    color: var(--dl-color-muted, #5b6573);
    text-align: center;
  }
  .self-grid figcaption {
    font-size: 0.68em;
  }
  canvas.cross {
    cursor: crosshair;
    touch-action: none;
  }
  .layer {
    margin-left: 8px;
  }
  .readout {
    min-height: 1.4em;
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
    margin: 4px 0;
  }
  .stats {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px 10px;
    margin: 0 0 6px;
    font-size: 0.85em;
  }
  .stats dt {
    color: var(--dl-color-muted, #5b6573);
  }
  .stats dd {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .chart {
    position: relative;
    height: 230px;
  }
`;
