import { css } from 'lit';

export const styles = css`
  :host {
    --negative: var(--dl-color-negative, #f59322);
    --neutral: var(--dl-color-neutral, #e8eaeb);
    --positive: var(--dl-color-positive, #0877bd);
    --map-size: 330px;
    max-width: 1180px;
    margin: 0 auto;
  }
  .tabs {
    display: inline-flex;
    gap: 0;
  }
  .tabs button {
    border-radius: 0;
  }
  .tabs button:first-child {
    border-radius: 6px 0 0 6px;
  }
  .tabs button:last-child {
    border-radius: 0 6px 6px 0;
  }
  .tabs button[aria-pressed='true'] {
    background: var(--dl-color-accent, #0877bd);
    border-color: var(--dl-color-accent, #0877bd);
    color: var(--dl-color-on-accent, #fff);
  }
  .layout {
    display: grid;
    grid-template-columns: var(--map-size) var(--map-size) 1fr;
    gap: 18px;
    align-items: start;
    margin-top: 8px;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
    margin-top: 2px;
  }
  canvas.map {
    width: var(--map-size);
    height: var(--map-size);
    image-rendering: pixelated;
    border: 1px solid var(--dl-color-border, #c5ccd6);
    cursor: crosshair;
    touch-action: none;
  }
  canvas.plot {
    width: var(--map-size);
    height: var(--map-size);
  }
  .explain {
    font-size: 0.9em;
  }
  .explain p {
    margin: 0 0 8px;
  }
  .readout {
    font-size: 0.85em;
    color: var(--dl-color-muted, #5b6573);
    min-height: 1.3em;
    font-variant-numeric: tabular-nums;
  }
`;
