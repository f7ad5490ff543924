import { describe, expect, it } from 'vitest';
import { attachElementComments } from '../../decks/_shared/element-comments.ts';

const C = '<!-- .element: class="fragment" -->';

describe('attachElementComments', () => {
  it('moves a trailing comment to the front of a bullet, paragraph or heading with inline markup', () => {
    expect(attachElementComments(`<ul>\n<li>Used <strong>once</strong>, at the end ${C}</li>\n</ul>`)).toBe(`<ul>\n<li>${C}Used <strong>once</strong>, at the end</li>\n</ul>`);
    expect(attachElementComments(`<p>Call <code>fit()</code> twice ${C}</p>`)).toBe(`<p>${C}Call <code>fit()</code> twice</p>`);
    expect(attachElementComments(`<h3 id="x">A <em>b</em> c ${C}</h3>`)).toBe(`<h3 id="x">${C}A <em>b</em> c</h3>`);
  });

  it('leaves a comment that follows a lone element, or a block with no comment at its end', () => {
    const img = `<p><img src="a.png" alt="plot"> <!-- .element: width="300" --></p>`;
    expect(attachElementComments(img)).toBe(img);
    const bold = `<li><strong>Only this</strong> ${C}</li>`;
    expect(attachElementComments(bold)).toBe(bold);
    const middle = `<li>Text ${C} more <strong>b</strong></li>`;
    expect(attachElementComments(middle)).toBe(middle);
  });

  it('handles only the innermost item of nested lists', () => {
    const html = `<ul><li>Parent<ul><li>Child <a href="#">link</a> ${C}</li></ul></li></ul>`;
    expect(attachElementComments(html)).toBe(`<ul><li>Parent<ul><li>${C}Child <a href="#">link</a></li></ul></li></ul>`);
  });
});
