import { css } from 'lit';

export const styles = css`
  :host {
    --negative: var(--dl-color-negative, #f59322);
    --neutral: var(--dl-color-neutral, #e8eaeb);
    --positive: var(--dl-color-positive, #0877bd);
    --agent: var(--dl-color-accent-2, #d0453b);
    --wall: #4a5260;
    --grid-width: 440px;
    --grid-height: 330px;
    max-width: 1100px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: var(--grid-width) minmax(300px, 1fr);
    gap: 16px;
    align-items: start;
  }
  .board {
    position: relative;
    width: var(--grid-width);
    height: var(--grid-height);
    cursor: pointer;
    touch-action: none;
  }
  .board canvas {
    width: 100%;
    height: 100%;
  }
  .side {
    display: flex;
    flex-direction: column;
    gap: 6px;
    min-width: 0;
  }
  .side .dl-group {
    gap: 4px 12px;
  }
  input[type='range'] {
    width: 90px;
  }
  output {
    font-variant-numeric: tabular-nums;
    min-width: 2.6em;
    display: inline-block;
  }
  .backup {
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    font-size: 0.72em;
    line-height: 1.4;
    background: var(--dl-color-code-bg, #f3f4f1);
    border-radius: 6px;
    padding: 6px 8px;
    min-height: 7.2em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .backup .best {
    font-weight: bold;
    color: var(--dl-color-accent, #0877bd);
  }
  .hint {
    margin: 4px 0 0;
    font-size: 0.75em;
    color: var(--dl-color-muted, #5b6573);
  }
`;
