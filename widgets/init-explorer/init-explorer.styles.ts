import { css } from 'lit';

export const styles = css`
  :host {
    --map-width: 300px;
    --map-height: 300px;
    max-width: 1100px;
    margin: 0 auto;
  }
  .dl-toolbar input[type='number'] {
    width: 4em;
  }
  .dl-status {
    margin: 6px 0;
    font-variant-numeric: tabular-nums;
  }
  .maps {
    display: flex;
    gap: 28px;
    flex-wrap: wrap;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-weight: 600;
    font-size: 0.9em;
    margin-bottom: 4px;
  }
  .pair {
    display: flex;
    gap: 6px;
    align-items: stretch;
  }
  .map {
    width: var(--map-width);
    height: var(--map-height);
    image-rendering: pixelated;
    box-shadow: 0 0 0 1px var(--dl-color-border, #c5ccd6);
  }
  .std {
    width: 90px;
    height: var(--map-height);
    box-shadow: 0 0 0 1px var(--dl-color-border-soft, #e3e7ec);
  }
  .axis-y {
    display: flex;
    flex-direction: column;
    justify-content: space-between;
    color: var(--dl-color-muted, #5b6573);
    width: calc(3.6em / 0.7);
    font-size: 0.7em;
    text-align: right;
  }
  .axis-x {
    display: flex;
    gap: 6px;
    font-size: 0.7em;
    color: var(--dl-color-muted, #5b6573);
    margin-left: calc(3.6em / 0.7 + 6px);
  }
  .axis-x .ticks {
    width: var(--map-width);
    display: flex;
    justify-content: space-between;
  }
  .axis-x .std-axis {
    width: 90px;
    text-align: center;
  }
`;
