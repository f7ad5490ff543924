import { css } from 'lit';

export const styles = css`
  :host {
    --plain: var(--dl-color-negative, #f59322);
    --residual: var(--dl-color-positive, #0877bd);
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 20px;
    align-items: start;
  }
  h3 {
    margin: 0 0 4px;
    font-size: 0.85em;
    font-weight: 600;
    color: var(--dl-color-muted, #5b6573);
  }
  .chart {
    position: relative;
    height: 240px;
  }
  canvas.grads {
    width: 100%;
    height: 240px;
    display: block;
  }
  .stats {
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .plain {
    color: var(--plain);
    font-weight: 600;
  }
  .residual {
    color: var(--residual);
    font-weight: 600;
  }
`;
