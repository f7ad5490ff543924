import { css } from 'lit';

export const styles = css`
  :host {
    --train-color: var(--dl-color-accent, #0877bd);
    --validation-color: var(--dl-color-accent-2, #d0453b);
    --curve-color: var(--dl-color-fg, #1d2430);
    max-width: 1100px;
    margin: 0 auto;
  }
  .dl-status {
    margin: 6px 0;
    font-variant-numeric: tabular-nums;
  }
  .layout {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 18px;
  }
  figure {
    margin: 0;
    min-width: 0;
  }
  canvas.fit,
  canvas.losses {
    width: 100%;
    height: 300px;
    border-radius: 6px;
    box-shadow: 0 0 0 1px var(--dl-color-border-soft, #e3e7ec);
  }
  figcaption {
    font-size: 0.75em;
    color: var(--dl-color-muted, #5b6573);
    margin-top: 4px;
  }
  /* The legend's marks are pictures of the plotted lines and dots (non-text contrast), drawn as
     generated content so the words beside them keep the caption's readable colour. */
  .key::before {
    content: attr(data-glyph);
  }
  .key.train {
    color: var(--train-color);
  }
  .key.val {
    color: var(--validation-color);
  }
  .key.curve {
    color: var(--curve-color);
  }
`;
