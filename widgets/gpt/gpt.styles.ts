import { css } from 'lit';

export const styles = css`
  :host {
    --attention-high: var(--dl-color-accent, #0877bd);
    --attention-low: var(--dl-color-surface-raised, #ffffff);
    --bar: var(--dl-color-accent, #0877bd);
    --chosen: var(--dl-color-accent-2, #d0453b);
    --map-size: 240px;
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1.3fr) minmax(0, 1fr) auto;
    gap: 10px 16px;
    align-items: start;
  }
  h3 {
    margin: 4px 0;
    font-size: 0.85em;
    font-weight: 600;
    color: var(--dl-color-muted, #5b6573);
  }
  .chart {
    position: relative;
    height: 160px;
  }
  .readout {
    font-size: 0.85em;
    color: var(--dl-color-muted, #5b6573);
    margin: 2px 0 6px;
    min-height: 1.3em;
  }
  .prompt-row {
    display: flex;
    gap: 8px;
    align-items: flex-end;
  }
  .prompt-row label {
    flex: 1;
    flex-direction: column;
    align-items: stretch;
  }
  textarea {
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    font-size: 0.85em;
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 5px;
    padding: 3px 5px;
    resize: vertical;
    min-height: 2.2em;
    background: var(--dl-color-surface-raised, #fff);
    color: inherit;
  }
  .text {
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    font-size: 0.85em;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 5px;
    padding: 5px 7px;
    margin: 6px 0 0;
    height: 8em;
    overflow-y: auto;
    background: var(--dl-color-surface, transparent);
  }
  .text .prompt {
    font-weight: 700;
  }
  .text .written {
    color: var(--dl-color-accent, #0877bd);
  }
  .sampling {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 12px;
    align-items: center;
    margin: 6px 0;
    font-size: 0.9em;
  }
  .sampling input[type='range'] {
    width: 90px;
  }
  .sampling output {
    font-variant-numeric: tabular-nums;
    min-width: 2.6em;
  }
  .attention {
    width: var(--map-size);
  }
  .bars {
    display: grid;
    grid-template-columns: 2.2em 1fr 3.4em;
    gap: 2px 6px;
    align-items: center;
    font-size: 0.8em;
  }
  .bars .tok {
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    text-align: right;
  }
  .bars .bar {
    height: 0.95em;
    background: var(--bar);
    border-radius: 2px;
    min-width: 1px;
  }
  .bars .chosen .bar,
  .bars .bar.chosen {
    background: var(--chosen);
  }
  .bars .tok.chosen {
    color: var(--chosen);
    font-weight: 700;
  }
  .bars .pct {
    font-variant-numeric: tabular-nums;
  }
  .map-row {
    display: flex;
    gap: 8px;
    align-items: center;
    flex-wrap: wrap;
    font-size: 0.9em;
  }
  canvas.map {
    width: var(--map-size);
    height: var(--map-size);
    display: block;
  }
`;
