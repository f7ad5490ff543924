/**
 * reveal.js's markdown gives the attributes of `<!-- .element: class="fragment" -->` to the element
 * just before the comment. For a bullet or paragraph that contains bold, a link or code, that is the
 * last inline element, not the line: `- Use the test set **once** <!-- .element: class="fragment" -->`
 * would hide only the word "once". Authors mean the line, so after markdown has become HTML we move
 * such a trailing comment to the front of its list item, paragraph or heading, where reveal gives
 * it to the block itself.
 *
 * A comment after a lone element (`![plot](a.png) <!-- .element: width="300" -->`, or a bullet that
 * is one bold phrase) stays where it is: there the element is what the author means.
 */
const TRAILING = /<(li|p|h[1-6])(\s[^>]*)?>((?:(?!<\/?(?:li|p|h[1-6])[\s>])[\s\S])*?)\s*(<!--\s*\.element:[\s\S]*?-->)\s*<\/\1>/g;

/** Move trailing `.element` comments to the start of the block they end (see the module comment). */
export function attachElementComments(html: string): string {
  return html.replace(TRAILING, (whole, tag: string, attrs: string | undefined, content: string, comment: string) => {
    const textOutsideTags = content.replace(/<[^>]*>[^<]*<\/[^>]*>|<[^>]*>/g, '').trim();
    if (textOutsideTags === '') return whole;
    return `<${tag}${attrs ?? ''}>${comment}${content}</${tag}>`;
  });
}
