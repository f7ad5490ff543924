/**
 * Code highlighting with highlight.js's core and only the languages our decks use (the full
 * bundle in reveal's highlight plugin weighs 320 KiB gzip; this is about 15).
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import markdown from 'highlight.js/lib/languages/markdown';

hljs.registerLanguage('python', python);
hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('json', json);
hljs.registerLanguage('html', xml);
hljs.registerLanguage('markdown', markdown);

/** Highlight every `pre code` block under `root` that names a known language. */
export function highlightAll(root: Element): void {
  for (const block of root.querySelectorAll<HTMLElement>('pre code')) {
    const lang = /language-(\S+)/.exec(block.className)?.[1];
    if (lang && hljs.getLanguage(lang)) hljs.highlightElement(block);
    block.classList.add('hljs');
  }
}
