import { css } from 'lit';

export const styles = css`
  :host {
    --majority: var(--dl-color-negative, #f59322);
    --minority: var(--dl-color-positive, #0877bd);
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: 300px 230px 1fr 1fr;
    gap: 16px;
    align-items: start;
    margin-top: 8px;
  }
  figure {
    margin: 0;
  }
  canvas.map {
    width: 300px;
    height: 300px;
    display: block;
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 4px;
  }
  canvas.roc,
  canvas.pr {
    width: 100%;
    height: 300px;
    display: block;
  }
  figcaption,
  .stats {
    font-size: 0.8em;
    font-variant-numeric: tabular-nums;
    color: var(--dl-color-muted, #5b6573);
  }
  .stats b {
    color: var(--dl-color-fg, #1d2430);
  }
  .threshold {
    display: flex;
    flex-direction: column;
    font-size: 0.85em;
    gap: 2px;
  }
  .confusion {
    border-collapse: collapse;
    margin: 8px 0;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .confusion th,
  .confusion td {
    padding: 3px 8px;
    text-align: right;
  }
  .confusion .corner {
    font-weight: normal;
    color: var(--dl-color-muted, #5b6573);
  }
  .confusion td {
    border: 1px solid var(--dl-color-border, #c5ccd6);
    min-width: 4.2em;
  }
  .confusion .tp,
  .confusion .tn {
    font-weight: 600;
  }
  .minority {
    --dl-key: var(--minority);
  }
  .majority {
    --dl-key: var(--majority);
  }
  .dl-toolbar label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  input[type='range'] {
    width: 110px;
  }
  .threshold input[type='range'] {
    width: 100%;
  }
`;
