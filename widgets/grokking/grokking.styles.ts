import { css } from 'lit';

export const styles = css`
  :host {
    --train-color: var(--dl-color-accent, #0877bd);
    --test-color: var(--dl-color-accent-2, #d0453b);
    max-width: 1180px;
    margin: 0 auto;
  }
  .dl-status {
    margin: 6px 0;
    font-variant-numeric: tabular-nums;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1.5fr) minmax(0, 1fr) minmax(0, 1fr);
    gap: 16px;
    align-items: start;
  }
  figure {
    margin: 0;
    min-width: 0;
  }
  .chart {
    position: relative;
    height: 250px;
  }
  canvas.table,
  canvas.fourier {
    width: 100%;
    aspect-ratio: 1;
    image-rendering: pixelated;
    border-radius: 4px;
    box-shadow: 0 0 0 1px var(--dl-color-border-soft, #e3e7ec);
  }
  canvas.fourier {
    aspect-ratio: auto;
    height: 250px;
  }
  figcaption {
    font-size: 0.72em;
    color: var(--dl-color-muted, #5b6573);
    margin-top: 4px;
    line-height: 1.35;
  }
`;
