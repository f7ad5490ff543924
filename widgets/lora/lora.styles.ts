import { css } from 'lit';

export const styles = css`
  :host {
    --negative: var(--dl-color-negative, #f59322);
    --neutral: var(--dl-color-neutral, #e8eaeb);
    --positive: var(--dl-color-positive, #0877bd);
    --matrix-size: 300px;
    max-width: 1180px;
    margin: 0 auto;
  }
  .equation {
    display: flex;
    align-items: center;
    gap: 12px;
    margin-top: 10px;
    flex-wrap: wrap;
  }
  .equation .op {
    font-size: 1.6em;
    color: var(--dl-color-muted, #5b6573);
  }
  figure {
    margin: 0;
    text-align: center;
  }
  figcaption {
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
  }
  canvas {
    image-rendering: pixelated;
    border: 1px solid var(--dl-color-border, #c5ccd6);
  }
  .counts {
    margin-top: 10px;
    font-variant-numeric: tabular-nums;
  }
  .bar {
    height: 14px;
    background: var(--neutral);
    border-radius: 3px;
    overflow: hidden;
    max-width: 600px;
  }
  .bar span {
    display: block;
    height: 100%;
    background: var(--positive);
    min-width: 2px;
  }
  input[type='range'] {
    width: 160px;
  }
`;
