import { css } from 'lit';

export const styles = css`
  :host {
    --panel-size: 290px;
    --good: var(--dl-color-positive, #0877bd);
    --poor: var(--dl-color-negative, #f59322);
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: repeat(3, var(--panel-size));
    gap: 18px;
    margin-top: 10px;
    justify-content: center;
  }
  figure {
    margin: 0;
  }
  figcaption {
    font-size: 0.85em;
    margin-top: 4px;
  }
  figcaption strong {
    display: block;
  }
  canvas {
    width: var(--panel-size);
    height: var(--panel-size);
    border-radius: 6px;
    box-shadow: 0 0 0 1px var(--dl-color-border, #c5ccd6);
    background: var(--dl-color-surface-raised, #fff);
  }
  .verdict {
    margin: 8px 0 0;
    font-weight: 600;
    text-align: center;
  }
  .scale {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
  }
  .scale span.bar {
    width: 120px;
    height: 8px;
    border-radius: 4px;
    background: linear-gradient(90deg, var(--poor), var(--dl-color-neutral, #e8eaeb), var(--good));
  }
`;
