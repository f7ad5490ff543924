import { css } from 'lit';

export const styles = css`
  :host {
    --cart-width: 420px;
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: var(--cart-width) minmax(320px, 1fr);
    gap: 14px;
    align-items: start;
    margin-top: 6px;
  }
  .layout.single {
    grid-template-columns: minmax(320px, 1fr);
  }
  .left,
  .right {
    display: flex;
    flex-direction: column;
    gap: 6px;
    min-width: 0;
  }
  canvas.cart {
    width: var(--cart-width);
    height: 210px;
    border-radius: 6px;
    background: var(--dl-color-surface, #f2f3f0);
  }
  .settings {
    display: grid;
    grid-template-columns: repeat(2, auto);
    gap: 4px 12px;
    justify-content: start;
  }
  .settings label {
    justify-content: space-between;
  }
  .charts {
    display: grid;
    grid-template-columns: repeat(3, minmax(0, 1fr));
    gap: 6px;
  }
  .chart {
    position: relative;
    height: 150px;
    min-width: 0;
  }
  .chart .name {
    position: absolute;
    top: 0;
    left: 34px;
    font-size: 0.72em;
    color: var(--dl-color-muted, #5b6573);
    pointer-events: none;
  }
  canvas.objective {
    width: 100%;
    height: 240px;
  }
  canvas.advantages {
    width: 100%;
    height: 190px;
  }
  .numbers {
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
    font-variant-numeric: tabular-nums;
  }
`;
