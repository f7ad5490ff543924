import { css } from 'lit';

export const styles = css`
  :host {
    --token-a: color-mix(in srgb, var(--dl-color-accent, #0877bd) 16%, transparent);
    --token-b: color-mix(in srgb, var(--dl-color-negative, #f59322) 22%, transparent);
    --token-unknown: color-mix(in srgb, var(--dl-color-error, #b3261e) 25%, transparent);
    max-width: 1180px;
    margin: 0 auto;
  }
  .text {
    width: 100%;
    font: inherit;
    padding: 4px 6px;
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 6px;
    margin: 6px 0;
  }
  .layout {
    display: grid;
    grid-template-columns: 1fr 300px;
    gap: 14px;
    align-items: start;
  }
  .row {
    margin-bottom: 8px;
  }
  .row h3 {
    margin: 0 0 2px;
    font-size: 0.85em;
    font-weight: 600;
  }
  .row h3 span {
    font-weight: 400;
    color: var(--dl-color-muted, #5b6573);
  }
  .tokens {
    display: flex;
    flex-wrap: wrap;
    gap: 3px;
  }
  .tok {
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    border-radius: 4px;
    padding: 1px 4px;
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    font-size: 0.85em;
    cursor: pointer;
    border: 1px solid transparent;
    background: var(--token-a);
  }
  .tok:nth-child(even) {
    background: var(--token-b);
  }
  .tok.unknown {
    background: var(--token-unknown);
  }
  .tok.selected {
    border-color: var(--dl-color-fg, #1d2430);
  }
  .tok small {
    font-size: 0.7em;
    color: var(--dl-color-muted, #5b6573);
  }
  .side h3 {
    margin: 4px 0;
    font-size: 0.85em;
  }
  .merges,
  .words {
    font-family: var(--dl-font-mono, ui-monospace, monospace);
    font-size: 0.8em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .merges li:first-child {
    font-weight: 700;
  }
  .words li {
    display: flex;
    justify-content: space-between;
    gap: 6px;
  }
  .embedding {
    font-size: 0.85em;
    margin-top: 6px;
  }
  .vector {
    display: flex;
    gap: 2px;
    margin-top: 3px;
  }
  .vector span {
    flex: 1;
    height: 22px;
    border-radius: 2px;
    font-size: 0.65em;
    display: flex;
    align-items: center;
    justify-content: center;
    font-family: var(--dl-font-mono, ui-monospace, monospace);
  }
  input[type='range'] {
    width: 180px;
  }
`;
