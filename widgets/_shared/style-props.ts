/**
 * `style=${styleProps({ width: '40px', 'grid-template-columns': 'repeat(4, 1fr)' })}`: inline styles
 * set through the CSSOM (`element.style.setProperty`), never through the `style` attribute.
 *
 * Why not Lit's `styleMap`: on its first render it writes a `style="…"` attribute, which a page
 * whose Content-Security-Policy has no `style-src 'unsafe-inline'` blocks (and reports). Setting
 * properties one by one is allowed under any policy, so the widgets work on strict pages.
 * Property names are CSS names (dash-case, custom properties allowed).
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

class StyleProps extends Directive {
  private names = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') throw new Error('styleProps belongs in a style attribute: style=${styleProps({…})}.');
  }

  render(_props: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = part.element.style;
    for (const name of this.names) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.names = new Set(Object.keys(props));
    return noChange;
  }
}

/** Inline styles through the CSSOM (safe under a strict Content-Security-Policy). */
export const styleProps = directive(StyleProps);
