import { css } from 'lit';

export const styles = css`
  :host {
    --deep-sets-color: var(--dl-color-accent, #0877bd);
    --mlp-color: var(--dl-color-accent-2, #d0453b);
    max-width: 1180px;
    margin: 0 auto;
  }
  .grid {
    display: grid;
    gap: 12px;
    align-items: start;
  }
  .panel {
    border: 1px solid var(--dl-color-border-soft, #e3e7ec);
    border-radius: 8px;
    padding: 8px 10px;
    display: flex;
    flex-direction: column;
    gap: 6px;
    min-width: 0;
  }
  h4 {
    margin: 0;
    font-size: 0.9em;
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 10px;
    align-items: center;
  }
  .row input[type='number'] {
    width: 4.6em;
  }
  .tiles {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  .tile {
    display: inline-grid;
    place-items: center;
    width: 38px;
    height: 38px;
    border-radius: 8px;
    color: #fff;
    font-weight: 700;
    font-size: 1.3em;
    font-variant-numeric: tabular-nums;
  }
  .outs {
    border-collapse: collapse;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .outs th {
    text-align: left;
    font-weight: 500;
    padding: 2px 8px 2px 0;
  }
  .outs td {
    padding: 2px 8px;
    text-align: right;
  }
  .params td:nth-child(2) {
    text-align: left;
    color: var(--dl-color-muted, #5b6573);
  }
  .ds {
    color: var(--deep-sets-color);
    font-weight: 600;
  }
  .mlp {
    color: var(--mlp-color);
    font-weight: 600;
  }
  .chg {
    color: var(--mlp-color);
    text-align: left !important;
  }
  .chg.same {
    color: var(--dl-color-positive-text, #2e7d32);
  }
  .muted,
  .hint {
    color: var(--dl-color-muted, #5b6573);
    font-size: 0.85em;
  }
  .hint {
    margin: 0;
    font-size: 0.75em;
  }
  .eq {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .eq canvas {
    width: 100%;
    height: 56px;
    min-width: 0;
  }
  .train-chart {
    position: relative;
    height: 150px;
  }
  canvas.curve {
    width: 100%;
    height: 190px;
  }
  .legend {
    margin: 0;
    font-size: 0.8em;
  }
  .placeholder {
    min-height: 160px;
    display: grid;
    place-items: center;
  }
`;
