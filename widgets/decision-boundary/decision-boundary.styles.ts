import { css } from 'lit';

export const styles = css`
  :host {
    --negative: var(--dl-color-negative, #f59322);
    --neutral: var(--dl-color-neutral, #e8eaeb);
    --positive: var(--dl-color-positive, #0877bd);
    --boundary-size: 340px;
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(250px, 1fr) var(--boundary-size) minmax(250px, 1fr);
    gap: 14px;
    align-items: start;
  }
  .settings {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .settings .dl-group {
    flex-direction: column;
    align-items: stretch;
  }
  .settings label {
    justify-content: space-between;
  }
  .settings label:has(input[type='checkbox']) {
    justify-content: flex-start;
  }
  .features {
    display: grid;
    grid-template-columns: repeat(4, auto);
    gap: 2px 8px;
  }
  .plot {
    position: relative;
    width: var(--boundary-size);
    height: var(--boundary-size);
    border-radius: 6px;
    overflow: hidden;
    box-shadow: 0 0 0 1px var(--dl-color-border, #c5ccd6);
    cursor: crosshair;
    touch-action: none;
  }
  .plot canvas {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  .plot canvas.heat {
    image-rendering: auto;
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .chart {
    position: relative;
    height: 150px;
  }
  .stats {
    display: grid;
    grid-template-columns: auto auto;
    gap: 0 12px;
    font-variant-numeric: tabular-nums;
    font-size: 0.9em;
  }
  .stats dt {
    color: var(--dl-color-muted, #5b6573);
  }
  .stats dd {
    margin: 0;
    text-align: right;
  }
  .neurons {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    flex-wrap: wrap;
  }
  .layer {
    display: grid;
    grid-template-columns: repeat(4, 26px);
    gap: 3px;
  }
  .layer canvas {
    width: 26px;
    height: 26px;
    border-radius: 3px;
    box-shadow: 0 0 0 1px var(--dl-color-border-soft, #e3e7ec);
  }
  .hint {
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
    margin: 2px 0 0;
  }
  .legend {
    display: flex;
    justify-content: space-between;
    font-size: 0.75em;
    color: var(--dl-color-muted, #5b6573);
    width: var(--boundary-size);
  }
  .bar {
    height: 8px;
    width: var(--boundary-size);
    border-radius: 4px;
    background: linear-gradient(90deg, var(--negative), var(--neutral), var(--positive));
  }
  .toolbar {
    margin-bottom: 10px;
  }
  :host([compact]) .layout {
    grid-template-columns: var(--boundary-size) minmax(220px, 1fr);
  }
  :host .layout.no-settings {
    grid-template-columns: var(--boundary-size) minmax(240px, 1fr);
  }
`;
