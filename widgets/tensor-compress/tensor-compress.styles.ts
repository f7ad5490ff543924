import { css } from 'lit';

export const styles = css`
  :host {
    --tensor-picture-size: 280px;
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: var(--tensor-picture-size) var(--tensor-picture-size) 1fr;
    gap: 18px;
    align-items: start;
    margin-top: 8px;
  }
  figure {
    margin: 0;
  }
  canvas.original,
  canvas.picture {
    width: var(--tensor-picture-size);
    height: var(--tensor-picture-size);
    image-rendering: pixelated;
    display: block;
    border: 1px solid var(--dl-color-border, #c5ccd6);
  }
  canvas.decay {
    width: 100%;
    height: var(--tensor-picture-size);
    display: block;
  }
  figcaption {
    font-size: 0.8em;
    font-variant-numeric: tabular-nums;
    color: var(--dl-color-muted, #5b6573);
    margin-top: 4px;
  }
  figcaption b {
    color: var(--dl-color-fg, #1d2430);
  }
  .dl-toolbar label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  input[type='range'] {
    width: 120px;
  }
`;
