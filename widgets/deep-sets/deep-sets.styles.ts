import { css } from 'lit';

export const styles = css`
  :host {
    --deep-sets-color: var(--dl-color-accent, #0877bd);
    --mlp-color: var(--dl-color-accent-2, #c43e36);
    max-width: 1180px;
    margin: 0 auto;
  }
  .grid {
    display: grid;
    gap: 12px;
    align-items: start;
  }
  .panel {
    border: 1px solid var(--dl-color-border-soft, #e3e7ec);
    border-radius: 8px;
    padding: 8px 10px;
    display: flex;
    flex-direction: column;
    gap: 6px;
    min-width: 0;
  }
  h3 {
    margin: 0;
    font-size: 0.9em;
    font-weight: 600;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 10px;
    align-items: center;
  }
  .row input[type='number'] {
    width: 4.6em;
  }
  .tiles {
    display: flex;
    gap: 6px;
    flex-wrap: wrap;
  }
  .tile {
    display: inline-grid;
    place-items: center;
    width: 38px;
    height: 38px;
    border-radius: 8px;
    /* The background (Okabe–Ito) and the text colour (black or white, whichever contrasts more)
       are set per tile; the ring keeps light and dark tiles visible on either theme. */
    box-shadow: inset 0 0 0 1px rgba(128, 128, 128, 0.6);
    font-weight: 700;
    font-size: 1.3em;
    font-variant-numeric: tabular-nums;
  }
  /* Elements past the eighth reuse the palette: a dashed ring tells them apart. */
  .tile.lap {
    outline: 2px dashed currentColor;
    outline-offset: -6px;
  }
  .outs {
    border-collapse: collapse;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
  }
  .outs th {
    text-align: left;
    font-weight: 500;
    padding: 2px 8px 2px 0;
  }
  .outs td {
    padding: 2px 8px;
    text-align: right;
  }
  .params td:nth-child(2) {
    text-align: left;
    color: var(--dl-color-muted, #5b6573);
  }
  /* A model's name: body-coloured text (.dl-key, widgets/_shared/styles.ts), swatch in its colour. */
  .dl-key.ds {
    --dl-key: var(--deep-sets-color);
  }
  .dl-key.mlp {
    --dl-key: var(--mlp-color);
  }
  .chg {
    text-align: left !important;
  }
  .chg.same {
    font-weight: 600;
  }
  .muted,
  .hint {
    color: var(--dl-color-muted, #5b6573);
    font-size: 0.85em;
  }
  .hint {
    margin: 0;
    font-size: 0.75em;
  }
  .eq {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .eq canvas {
    width: 100%;
    height: 56px;
    min-width: 0;
  }
  .train-chart {
    position: relative;
    height: 150px;
  }
  canvas.curve {
    width: 100%;
    height: 190px;
  }
  .legend {
    margin: 0;
    font-size: 0.8em;
  }
  .placeholder {
    min-height: 160px;
    display: grid;
    place-items: center;
  }
`;
