/** Every `<dl-…>` element under `root` (light DOM), in document order: one helper for all callers. */
export function widgetsUnder<T extends Element = HTMLElement>(root: ParentNode): T[] {
  return Array.from(root.querySelectorAll<T>('*')).filter((el) => el.localName.startsWith('dl-'));
}
