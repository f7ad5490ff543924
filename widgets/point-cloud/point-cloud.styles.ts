import { css } from 'lit';

export const styles = css`
  :host {
    --point-color: var(--dl-color-fg, #1d2430);
    --critical-color: var(--dl-color-accent-2, #d0453b);
    max-width: 1100px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: 370px 1fr;
    gap: 24px;
    align-items: start;
    margin-top: 6px;
  }
  canvas.view {
    display: block;
    width: 370px;
    height: 370px;
    border: 1px solid var(--dl-color-border-soft, #e3e7ec);
    border-radius: 8px;
    background: var(--dl-color-surface, #f2f3f0);
    cursor: grab;
    touch-action: none;
  }
  canvas.view:active {
    cursor: grabbing;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 5px;
    margin-top: 6px;
    align-items: center;
  }
  .row button {
    padding: 3px 8px;
  }
  button[aria-pressed='true'] {
    border-color: var(--dl-color-accent, #0877bd);
    box-shadow: inset 0 0 0 1px var(--dl-color-accent, #0877bd);
  }
  p {
    margin: 0 0 6px;
  }
  .verdict {
    font-size: 0.95em;
    min-height: 1.4em;
  }
  .right {
    min-width: 0;
  }
  canvas.bars {
    display: block;
    width: 100%;
    height: 156px;
  }
  .message {
    font-size: 0.85em;
    color: var(--dl-color-muted, #5b6573);
    min-height: 2.6em;
  }
  .stats {
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .verdict .wrong {
    color: var(--dl-color-accent-2, #d0453b);
  }
  .verdict .ok {
    color: var(--dl-color-accent, #0877bd);
  }
  .chart {
    position: relative;
    height: 170px;
  }
`;
