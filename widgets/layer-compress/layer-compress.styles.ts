import { css } from 'lit';

export const styles = css`
  :host {
    --negative: var(--dl-color-negative, #f59322);
    --positive: var(--dl-color-positive, #0877bd);
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: 340px 340px 1fr;
    gap: 20px;
    align-items: start;
    margin-top: 8px;
  }
  figure {
    margin: 0;
  }
  canvas.before,
  canvas.after {
    width: 340px;
    display: block;
  }
  figcaption,
  .readout {
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
    color: var(--dl-color-muted, #5b6573);
  }
  .readout p {
    margin: 0 0 6px;
  }
  .readout b {
    color: var(--dl-color-fg, #1d2430);
  }
  .dl-toolbar label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  input[type='range'] {
    width: 120px;
  }
`;
