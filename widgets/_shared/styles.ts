/**
 * Styles shared by every widget. Widgets read only `--dl-*` tokens (themes/tokens.css), each with a
 * fallback, so a widget looks right on a page with no theme at all.
 */
import { css } from 'lit';

export const widgetStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--dl-font-ui, system-ui, sans-serif);
    font-size: var(--dl-font-size-widget, 16px);
    line-height: 1.35;
    color: var(--dl-color-fg, #1d2430);
    text-align: left;
    --dl-gap: 10px;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  select,
  input {
    font: inherit;
    font-size: 0.9em;
    color: inherit;
  }
  button {
    border: 1px solid var(--dl-color-border, #c5ccd6);
    background: var(--dl-color-surface-raised, #fff);
    border-radius: 6px;
    padding: 3px 10px;
    cursor: pointer;
    min-height: 30px;
  }
  button:hover {
    border-color: var(--dl-color-accent, #0877bd);
  }
  /* Visible focus on everything a keyboard can reach inside a widget (WCAG 2.4.7). */
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  canvas:focus-visible,
  a:focus-visible,
  summary:focus-visible,
  [tabindex]:focus-visible {
    outline: 2px solid var(--dl-color-accent, #0877bd);
    outline-offset: 2px;
  }
  /* Windows high-contrast and other forced-colour modes: the system's own focus colour. */
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
  }
  button.primary {
    background: var(--dl-color-accent, #0877bd);
    border-color: var(--dl-color-accent, #0877bd);
    color: var(--dl-color-on-accent, #fff);
    min-width: 5.5em;
  }
  select,
  input[type='number'] {
    border: 1px solid var(--dl-color-border, #c5ccd6);
    background: var(--dl-color-surface-raised, #fff);
    border-radius: 5px;
    padding: 2px 4px;
  }
  input[type='number'] {
    width: 5.5em;
  }
  label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    white-space: nowrap;
  }
  .dl-status {
    color: var(--dl-color-muted, #5b6573);
    font-size: 0.85em;
  }
  /* The toolbar's ⋯ menu (DlElement.renderMenu): copy as tag, save weights. */
  .dl-menu {
    position: relative;
    margin-left: auto;
  }
  .dl-menu > summary {
    list-style: none;
    cursor: pointer;
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 6px;
    min-height: 30px;
    min-width: 30px;
    padding: 3px 8px;
    text-align: center;
    background: var(--dl-color-surface-raised, #fff);
  }
  .dl-menu > summary::-webkit-details-marker {
    display: none;
  }
  .dl-menu-panel {
    position: absolute;
    right: 0;
    top: calc(100% + 4px);
    z-index: 5;
    display: flex;
    flex-direction: column;
    gap: 6px;
    width: max-content;
    max-width: min(32em, 80vw);
    padding: 8px;
    background: var(--dl-color-surface-raised, #fff);
    border: 1px solid var(--dl-color-border, #c5ccd6);
    border-radius: 6px;
    box-shadow: 0 4px 14px rgb(0 0 0 / 18%);
  }
  .dl-menu-note {
    margin: 0;
    font-size: 0.85em;
  }
  .dl-menu-panel textarea {
    font: 0.8em var(--dl-font-mono, monospace);
    width: 28em;
    max-width: 100%;
    color: inherit;
    background: var(--dl-color-surface, #fff);
  }
  .dl-mirror {
    max-width: 100%;
  }
  .dl-problem {
    display: block;
    color: var(--dl-color-error, #b3261e);
    background: var(--dl-color-error-bg, #fdecea);
    border: 1px solid currentColor;
    border-radius: 6px;
    padding: 8px 12px;
    font-size: 0.9em;
  }
  .dl-notice {
    margin: 0 0 6px;
    color: var(--dl-color-fg, #1d2430);
    background: var(--dl-color-surface-raised, #ffffff);
    border: 1px solid var(--dl-color-border, #c9ced6);
    border-left: 4px solid var(--dl-color-accent, #0877bd);
    border-radius: 6px;
    padding: 6px 12px;
    font-size: 0.9em;
  }
  .dl-problem ul {
    margin: 4px 0 0;
    padding-left: 1.2em;
  }
  .dl-toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
  }
  .dl-group {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 10px;
    align-items: center;
    border-top: 1px solid var(--dl-color-border-soft, #e3e7ec);
    padding-top: 6px;
  }
  .dl-group-title {
    font-size: 0.75em;
    letter-spacing: 0.05em;
    text-transform: uppercase;
    color: var(--dl-color-muted, #5b6573);
    min-width: 5.5em;
  }
  canvas {
    display: block;
    image-rendering: auto;
  }
  /* A series' name in a legend or read-out. Coloured text fails contrast on some themes, so the
     text keeps the body colour and a swatch before it carries the series colour (--dl-key). */
  .dl-key {
    font-weight: 600;
    white-space: nowrap;
  }
  .dl-key::before {
    content: '';
    display: inline-block;
    width: 0.7em;
    height: 0.7em;
    margin-right: 0.3em;
    border-radius: 2px;
    background: var(--dl-key, currentColor);
  }
`;
