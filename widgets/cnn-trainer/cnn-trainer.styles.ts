import { css } from 'lit';

export const styles = css`
  :host {
    --negative: var(--dl-color-negative, #f59322);
    --neutral: var(--dl-color-neutral, #e8eaeb);
    --positive: var(--dl-color-positive, #0877bd);
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: 1.25fr 1fr 0.9fr;
    gap: 16px;
    align-items: start;
  }
  h3 {
    margin: 0 0 4px;
    font-size: 0.85em;
    font-weight: 600;
    color: var(--dl-color-muted, #5b6573);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin-bottom: 8px;
  }
  .row canvas {
    image-rendering: pixelated;
    border-radius: 2px;
    box-shadow: 0 0 0 1px var(--dl-color-border-soft, #e3e7ec);
  }
  .kernels canvas {
    width: 40px;
    height: 40px;
  }
  .maps1 canvas {
    width: 52px;
    height: 52px;
  }
  .maps2 canvas {
    width: 36px;
    height: 36px;
  }
  .probe {
    display: flex;
    gap: 10px;
    align-items: center;
    margin-bottom: 6px;
    font-size: 0.85em;
  }
  .probe canvas.sample {
    width: 56px;
    height: 56px;
    image-rendering: pixelated;
  }
  .chart {
    position: relative;
    height: 190px;
  }
  .confusion {
    width: 200px;
    height: 200px;
  }
  .draw {
    width: 140px;
    height: 140px;
    touch-action: none;
    cursor: crosshair;
    border-radius: 4px;
    background: #000;
  }
  .drawrow {
    display: flex;
    gap: 10px;
    align-items: flex-start;
  }
  .bars {
    display: grid;
    grid-template-columns: 1em 1fr 3em;
    gap: 1px 4px;
    font-size: 0.75em;
    font-variant-numeric: tabular-nums;
    align-items: center;
    min-width: 120px;
  }
  .bar {
    height: 10px;
    background: var(--positive);
    border-radius: 2px;
  }
  .bars .best {
    font-weight: 700;
  }
  .stats {
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
    margin: 4px 0;
  }
`;
