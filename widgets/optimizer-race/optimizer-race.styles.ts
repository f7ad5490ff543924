import { css } from 'lit';

export const styles = css`
  :host {
    --plot-size: 420px;
    --low-color: var(--dl-color-surface, #f4f8fc);
    --high-color: #9fb8d2;
    max-width: 1100px;
    margin: 0 auto;
  }
  .dl-toolbar {
    margin-bottom: 8px;
  }
  .layout {
    display: grid;
    grid-template-columns: var(--plot-size) minmax(280px, 1fr);
    gap: 16px;
    align-items: start;
  }
  .plot {
    position: relative;
    width: var(--plot-size);
    height: var(--plot-size);
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
  .side {
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  .side input[type='number'] {
    width: 5em;
  }
  .board {
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
    font-size: 0.9em;
    width: 100%;
  }
  .board th {
    text-align: left;
    font-weight: 600;
    color: var(--dl-color-muted, #5b6573);
    border-bottom: 1px solid var(--dl-color-border, #c5ccd6);
    padding: 2px 6px;
  }
  .board td {
    padding: 2px 6px;
  }
  .swatch {
    display: inline-block;
    width: 12px;
    height: 12px;
    border-radius: 50%;
    margin-right: 6px;
    vertical-align: -1px;
  }
  .hint {
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
    margin: 0;
  }
`;
