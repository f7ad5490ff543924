import { css } from 'lit';

export const styles = css`
  :host {
    --alignment-policy: var(--dl-color-accent, #0877bd);
    --alignment-true: #d55e00;
    max-width: 1180px;
    margin: 0 auto;
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(360px, 1fr) minmax(380px, 1.05fr);
    gap: 14px;
    align-items: start;
    margin-top: 6px;
  }
  .left,
  .right {
    display: flex;
    flex-direction: column;
    gap: 8px;
    min-width: 0;
  }
  .compare {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .prompt {
    margin: 0;
    font-weight: 600;
  }
  .who {
    display: inline-block;
    min-width: 1.6em;
    font-size: 0.75em;
    letter-spacing: 0.05em;
    text-transform: uppercase;
    color: var(--dl-color-muted, #5b6573);
  }
  .answers {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 8px;
  }
  .answer {
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 6px;
    padding: 6px 8px;
    font-size: 0.92em;
    line-height: 1.3;
    min-height: 8.4em;
    background: var(--dl-color-surface-raised, #fff);
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .toggle {
    display: inline-flex;
  }
  .toggle button {
    border-radius: 0;
  }
  .toggle button:first-child {
    border-radius: 6px 0 0 6px;
  }
  .toggle button:last-child {
    border-radius: 0 6px 6px 0;
    margin-left: -1px;
  }
  .toggle button[aria-pressed='true'] {
    background: var(--dl-color-accent, #0877bd);
    border-color: var(--dl-color-accent, #0877bd);
    color: var(--dl-color-on-accent, #fff);
  }
  input[type='range'] {
    width: 150px;
  }
  output {
    min-width: 2.6em;
    font-variant-numeric: tabular-nums;
  }
  .numbers {
    display: flex;
    flex-direction: column;
    gap: 2px;
    font-size: 0.8em;
    font-variant-numeric: tabular-nums;
  }
  .numbers .over {
    font-weight: 600;
  }
  canvas.bars {
    width: 100%;
    height: 230px;
  }
  canvas.curve {
    width: 100%;
    height: 200px;
  }
  .key {
    margin: 0;
    font-size: 0.75em;
    color: var(--dl-color-muted, #5b6573);
  }
  .key .outline {
    font-weight: 600;
  }
  /* The swatch's colour from a class, not a style attribute (pages with a strict CSP forbid those). */
  .key .dl-key.policy {
    --dl-key: var(--alignment-policy);
  }
`;
