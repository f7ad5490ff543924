/**
 * The engine worker (`engine/workers/engine-worker.ts`) with a switch for tests: the message
 * `{ loseGpu: true }` loses every WebGL context the worker's tf.js made, through
 * `WEBGL_lose_context`, as a driver reset would. Everything else is the real worker: a test swaps
 * `window.Worker` for one that starts this module instead (see
 * `widgets/decision-boundary/worker-context-loss.test.ts`).
 */
const contexts: WebGLRenderingContext[] = [];
const proto = OffscreenCanvas.prototype as unknown as { getContext(type: string, ...rest: unknown[]): unknown };
const original = proto.getContext;
proto.getContext = function (this: unknown, type: string, ...rest: unknown[]) {
  const context = original.call(this, type, ...rest);
  if (type.startsWith('webgl') && context) contexts.push(context as WebGLRenderingContext);
  return context;
};

// Registered before the worker's own `onmessage`, so this one sees the switch first and keeps it.
addEventListener('message', (event: MessageEvent<{ loseGpu?: boolean }>) => {
  if (!event.data?.loseGpu) return;
  event.stopImmediatePropagation();
  for (const context of contexts) context.getExtension('WEBGL_lose_context')?.loseContext();
});

await import('../../engine/workers/engine-worker.ts');

export {};
