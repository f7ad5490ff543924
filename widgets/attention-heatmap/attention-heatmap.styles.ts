import { css } from 'lit';

export const styles = css`
  :host {
    --attention-high: var(--dl-color-accent, #0877bd);
    --attention-low: var(--dl-color-surface-raised, #ffffff);
    --negative: var(--dl-color-negative, #f59322);
    --neutral: var(--dl-color-neutral, #e8eaeb);
    --positive: var(--dl-color-positive, #0877bd);
    --right: var(--dl-color-success, #2e7d32);
    --wrong: var(--dl-color-error, #b3261e);
    --map-size: 250px;
    max-width: 1180px;
    margin: 0 auto;
  }
  .settings {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 14px;
    align-items: center;
    margin: 6px 0;
  }
  .settings input[type='text'] {
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 5px;
    padding: 2px 4px;
  }
  .layout {
    display: grid;
    grid-template-columns: 1fr 300px;
    gap: 14px;
    align-items: start;
  }
  .maps {
    display: flex;
    flex-wrap: wrap;
    gap: 10px;
  }
  figure {
    margin: 0;
    text-align: center;
  }
  figcaption {
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
  }
  canvas.map {
    width: var(--map-size);
    height: var(--map-size);
    cursor: crosshair;
    touch-action: none;
  }
  .readout {
    min-height: 1.4em;
    font-size: 0.85em;
    color: var(--dl-color-muted, #5b6573);
    margin: 4px 0;
  }
  .sequence {
    display: grid;
    gap: 2px 3px;
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    font-size: 0.85em;
    align-items: center;
  }
  .sequence span {
    text-align: center;
    border-radius: 3px;
    padding: 1px 0;
  }
  .sequence .label {
    text-align: right;
    padding-right: 4px;
    color: var(--dl-color-muted, #5b6573);
    font-family: var(--dl-font-ui, system-ui, sans-serif);
  }
  .sequence .right {
    background: color-mix(in srgb, var(--right) 18%, transparent);
  }
  .sequence .wrong {
    background: color-mix(in srgb, var(--wrong) 22%, transparent);
    color: var(--wrong);
    font-weight: 600;
  }
  .sequence .hot {
    outline: 2px solid var(--attention-high);
  }
  .stats {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0 10px;
    margin: 6px 0;
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
    height: 120px;
  }
  .legend {
    display: flex;
    justify-content: space-between;
    font-size: 0.75em;
    color: var(--dl-color-muted, #5b6573);
    width: var(--map-size);
  }
`;
