import { css } from 'lit';

export const styles = css`
  :host {
    --easy: var(--dl-color-muted, #5b6573);
    --semi-hard: var(--dl-color-negative, #f59322);
    --hard: var(--dl-color-accent-2, #d0453b);
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: 300px 1fr 250px;
    gap: 18px;
    align-items: start;
    margin-top: 8px;
  }
  figure {
    margin: 0;
  }
  canvas.plot {
    width: 300px;
    height: 300px;
    display: block;
    cursor: pointer;
  }
  canvas.plane {
    width: 250px;
    height: 250px;
    display: block;
  }
  figcaption,
  .stats {
    font-size: 0.78em;
    line-height: 1.35;
    font-variant-numeric: tabular-nums;
    color: var(--dl-color-muted, #5b6573);
    margin: 4px 0;
  }
  .stats b {
    color: var(--dl-color-fg, #1d2430);
  }
  .legend span {
    padding: 0 2px;
  }
  /* Held-out classes: a ring, as on the plot. */
  .legend span.held::before {
    background: transparent;
    border: 2px solid var(--dl-key);
    border-radius: 50%;
  }
  .chart {
    position: relative;
    height: 150px;
    margin-top: 6px;
  }
  .headline {
    font-size: 1em;
    margin: 2px 0 4px;
  }
  .headline b {
    font-size: 1.35em;
    font-variant-numeric: tabular-nums;
  }
  .bar {
    display: flex;
    height: 14px;
    border-radius: 3px;
    overflow: hidden;
    background: var(--dl-color-border-soft, #e3e7ec);
  }
  .bar span {
    display: block;
    height: 100%;
  }
  .bar .easy {
    background: var(--easy);
  }
  .bar .semi {
    background: var(--semi-hard);
  }
  .bar .hard {
    background: var(--hard);
  }
  .easy-t {
    --dl-key: var(--easy);
  }
  .semi-t {
    --dl-key: var(--semi-hard);
  }
  .hard-t {
    --dl-key: var(--hard);
  }
  .thumbs {
    display: flex;
    align-items: center;
    gap: 4px;
  }
  .nn canvas.thumb {
    width: 48px;
    height: 48px;
    margin-right: 4px;
    vertical-align: middle;
  }
  .nn canvas.thumb.query {
    width: 64px;
    height: 64px;
    margin-right: 10px;
  }
  .dl-toolbar label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  input.margin {
    width: 100px;
  }
`;
