import { css } from 'lit';

export const styles = css`
  :host {
    --negative: var(--dl-color-negative, #f59322);
    --neutral: var(--dl-color-neutral, #e8eaeb);
    --positive: var(--dl-color-positive, #0877bd);
    --window: var(--dl-color-accent-2, #d0453b);
    max-width: 1180px;
    margin: 0 auto;
  }
  .stage {
    display: flex;
    gap: 18px;
    align-items: flex-start;
    justify-content: center;
    flex-wrap: wrap;
  }
  figure {
    margin: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 4px;
  }
  figcaption {
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
  }
  canvas {
    display: block;
    touch-action: none;
  }
  canvas.hoverable {
    cursor: crosshair;
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .stack.wide {
    display: grid;
    grid-template-columns: repeat(2, auto);
  }
  .kernel {
    display: grid;
    gap: 2px;
  }
  .kernel input {
    width: 4.4em;
    text-align: right;
    padding: 1px 3px;
    font-variant-numeric: tabular-nums;
  }
  .kernel input.active {
    outline: 2px solid var(--window);
  }
  .formula,
  .madd {
    font-family: var(--dl-font-code, ui-monospace, monospace);
    font-size: 0.78em;
    line-height: 1.4;
    margin: 6px 0 0;
    overflow-wrap: anywhere;
  }
  .madd .pad {
    color: var(--dl-color-muted, #5b6573);
  }
  .remark {
    font-size: 0.8em;
    color: var(--dl-color-muted, #5b6573);
    margin: 2px 0;
  }
  .explain {
    border-left: 4px solid var(--window);
    padding: 6px 10px;
    background: var(--dl-color-surface-raised, #fff);
    font-size: 0.9em;
    max-width: 520px;
  }
  .settings {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 14px;
    margin: 6px 0 8px;
    align-items: center;
  }
  .settings label {
    display: inline-flex;
    gap: 4px;
    align-items: center;
  }
  .settings input[type='number'] {
    width: 3.6em;
  }
  .equiv {
    font-size: 0.85em;
    margin-top: 4px;
  }
`;
