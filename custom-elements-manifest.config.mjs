// `cem analyze` config: documents every widget from its class JSDoc into custom-elements.json,
// which drives the deck lint (tests/decks.test.ts, `npm run check`) and the widget gallery.
export default {
  globs: ['widgets/*/*.ts'],
  exclude: ['widgets/**/*.test.ts', 'widgets/**/*.styles.ts', 'widgets/**/*.view.ts', 'widgets/_shared/**', 'widgets/index.ts', 'widgets/reveal-plugin.ts'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // Our widgets register with defineElement('dl-x', Class) (safe against double registration);
      // teach the analyzer that this is a customElements.define.
      name: 'dl-define-element',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
        const [tag, cls] = node.arguments;
        if (!tag || !cls || !ts.isStringLiteral(tag)) return;
        const decl = moduleDoc.declarations?.find((d) => d.name === cls.getText());
        if (!decl) return;
        decl.tagName = tag.text;
        decl.customElement = true;
        moduleDoc.exports = [...(moduleDoc.exports ?? []), { kind: 'custom-element-definition', name: tag.text, declaration: { name: decl.name, module: moduleDoc.path } }];
      },
    },
    {
      // Internal reactive state is not public API: an attribute counts only if its property has a
      // JSDoc description (every public property must have one).
      name: 'dl-drop-internal',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const decl of mod.declarations ?? []) {
            const hidden = new Set((decl.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected').map((m) => m.name));
            decl.attributes = (decl.attributes ?? []).filter((a) => a.description && !hidden.has(a.fieldName ?? a.name));
            decl.members = (decl.members ?? []).filter((m) => !['running', 'configErrors'].includes(m.name));
          }
        }
      },
    },
  ],
};
