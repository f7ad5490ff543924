import { css } from 'lit';

export const styles = css`
  :host {
    --rnn: var(--dl-color-negative, #f59322);
    --gru: var(--dl-color-accent-2, #2a9d8f);
    --lstm: var(--dl-color-positive, #0877bd);
    --gate-low: var(--dl-color-surface, #f4f5f7);
    --gate-high: var(--dl-color-accent, #0877bd);
    --state-negative: #f59322;
    --state-zero: #e8eaeb;
    --state-positive: #0877bd;
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: 1fr 1fr;
    column-gap: 24px;
    row-gap: 6px;
    align-items: start;
  }
  h3 {
    margin: 0 0 2px;
    font-size: 0.82em;
    font-weight: 600;
    color: var(--dl-color-muted, #5b6573);
  }
  .chart {
    position: relative;
    height: 170px;
  }
  canvas {
    display: block;
    width: 100%;
  }
  canvas.grads {
    height: 170px;
  }
  canvas.strip {
    height: 18px;
  }
  canvas.strip.tokens {
    height: 26px;
  }
  canvas.gate {
    height: 30px;
  }
  .gate-label {
    font-size: 0.72em;
    color: var(--dl-color-muted, #5b6573);
    margin: 2px 0 0;
    display: flex;
    justify-content: space-between;
  }
  .stats {
    font-size: 0.8em;
    margin: 2px 0 0;
    font-variant-numeric: tabular-nums;
  }
  .rnn {
    --dl-key: var(--rnn);
  }
  .gru {
    --dl-key: var(--gru);
  }
  .lstm {
    --dl-key: var(--lstm);
  }
  input[type='range'] {
    width: 120px;
    vertical-align: middle;
  }
  .length-value {
    display: inline-block;
    min-width: 2.2em;
    font-variant-numeric: tabular-nums;
  }
`;
