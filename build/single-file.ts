/**
 * Vite plugins for `npm run build:file`: one self-contained HTML file per deck that opens from
 * `file://` (double-click, e-mail attachment, USB stick).
 *
 * Browsers refuse module scripts and `crossorigin` stylesheets loaded from other files when the
 * page's origin is `null` (file://). An *inline* module script with no imports is fine, so the
 * build (1) turns code splitting off (dynamic imports are inlined), (2) inlines every asset as a
 * data: URL (fonts, images, TensorFlow.js's WebAssembly binaries), and (3) moves the one JS
 * chunk and the one stylesheet into the HTML. fonts come as WOFF2 only (every browser that runs
 * the widgets reads WOFF2; KaTeX also lists WOFF and TTF), which keeps the file about 1 MB smaller.
 *
 * WebAssembly: the plain and SIMD binaries of tfjs-backend-wasm are inlined (about 1 MB as
 * base64); the threaded one is used only on cross-origin-isolated pages, which a file:// page
 * never is. If the wasm backend still cannot start, the engine's chain falls through to cpu.
 */
import type { Plugin } from 'vite';

/** Keep only the WOFF2 source of @font-face rules (KaTeX's and the course fonts'). */
export function woff2Only(): Plugin {
  return {
    name: 'dl-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.css($|\?)/.test(id) || !code.includes('woff2')) return null;
      return { code: code.replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\(["'](?:woff|truetype)["']\)/g, ''), map: null };
    },
  };
}

/**
 * Leave the threaded-SIMD wasm binary out: tf.js picks it only on cross-origin-isolated pages,
 * which a file:// page never is (its map entry becomes an empty data: URL).
 */
export function noThreadedWasm(): Plugin {
  return {
    name: 'dl-no-threaded-wasm',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('engine/backend.ts')) return null;
      // tf.js insists on an entry for each binary; this one is never fetched (and if it were, the
      // wasm backend would fail to start and the chain would fall through to cpu).
      return { code: code.replace(/('tfjs-backend-wasm-threaded-simd\.wasm':).*$/m, "$1 'data:application/wasm;base64,',"), map: null };
    },
  };
}

/** A `</script` inside inlined code would end the script element early. */
function scriptSafe(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

/** Move the emitted JS and CSS into the HTML file(s) and drop them from the output. */
export function inlineIntoHtml(): Plugin {
  return {
    name: 'dl-inline-into-html',
    enforce: 'post',
    // order 'post': after Vite's own generateBundle work (preload markers, import analysis).
    generateBundle: { order: 'post', handler(_options, bundle) {
      const htmlFiles = Object.values(bundle).filter((f) => f.type === 'asset' && f.fileName.endsWith('.html'));
      const byRelativeName = (ref: string) => {
        const clean = ref.replace(/^(\.\.?\/)+/, '');
        return Object.values(bundle).find((f) => f.fileName === clean || f.fileName.endsWith(`/${clean}`));
      };
      const used = new Set<string>();
      for (const html of htmlFiles) {
        if (html.type !== 'asset') continue;
        let text = String(html.source);
        text = text.replace(/<script\b[^>]*\bsrc="([^"]+)"[^>]*><\/script>/g, (tag, src: string) => {
          const chunk = byRelativeName(src);
          if (!chunk || chunk.type !== 'chunk') return tag;
          used.add(chunk.fileName);
          return `<script type="module">${scriptSafe(chunk.code)}</script>`;
        });
        text = text.replace(/<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"[^>]*>/g, (tag, href: string) => {
          const css = byRelativeName(href);
          if (!css || css.type !== 'asset') return tag;
          used.add(css.fileName);
          return `<style>${String(css.source).replace(/<\/(style)/gi, '<\\/$1')}</style>`;
        });
        // Preload hints point at files that no longer exist.
        text = text.replace(/<link\b[^>]*\brel="modulepreload"[^>]*>\s*/g, '');
        html.source = text;
      }
      for (const name of used) delete bundle[name];
    } },
  };
}
