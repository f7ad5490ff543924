import { css } from 'lit';

export const styles = css`
  :host {
    --graph-size: 400px;
    max-width: 1000px;
    margin: 0 auto;
  }
  .dl-status {
    margin: 0;
    font-variant-numeric: tabular-nums;
  }
  .layout {
    display: grid;
    grid-template-columns: var(--graph-size) minmax(200px, 1fr);
    gap: 20px;
    align-items: start;
  }
  .legend {
    margin: 10px 0 0;
    padding-left: 1.1em;
    font-size: 0.8em;
    line-height: 1.45;
    color: var(--dl-color-muted, #5b6573);
  }
  canvas.graph {
    display: block;
    width: var(--graph-size);
    height: var(--graph-size);
    border-radius: 6px;
    box-shadow: 0 0 0 1px var(--dl-color-border-soft, #e3e7ec);
    cursor: crosshair;
  }
`;
