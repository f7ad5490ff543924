import { css } from 'lit';

export const styles = css`
  :host {
    --negative: var(--dl-color-negative, #f59322);
    --neutral: var(--dl-color-neutral, #e8eaeb);
    --positive: var(--dl-color-positive, #0877bd);
    --selected: var(--dl-color-accent-2, #d0453b);
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: auto minmax(280px, 1fr);
    gap: 20px;
    align-items: start;
  }
  .block {
    display: grid;
    gap: 6px;
    align-items: center;
  }
  .axis {
    font-size: 0.75em;
    color: var(--dl-color-muted, #5b6573);
    text-align: center;
  }
  .cell {
    padding: 0;
    border: 3px solid transparent;
    border-radius: 4px;
    background: none;
    min-height: 0;
    line-height: 0;
    transition: opacity 0.15s;
  }
  .cell canvas {
    width: 56px;
    height: 56px;
    image-rendering: pixelated;
  }
  .cell.dim {
    opacity: 0.3;
  }
  .cell.picked {
    outline: 3px solid var(--selected);
    outline-offset: 1px;
  }
  .stats {
    font-size: 0.9em;
    line-height: 1.5;
  }
  .stats table {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    font-size: 0.9em;
  }
  .stats td,
  .stats th {
    padding: 1px 8px;
    text-align: right;
  }
  .formula {
    font-family: var(--dl-font-code, ui-monospace, monospace);
    font-size: 0.85em;
  }
`;
