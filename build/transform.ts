/**
 * How every Vite build of this project compiles TypeScript (vite.config.ts, vitest.config.ts and
 * the scripts that call Vite's `build` with `configFile: false` all spread this in). Widgets declare
 * their properties with decorators (widgets/_shared/props.ts), in TypeScript's `experimentalDecorators`
 * form, which Lit supports and tsconfig.json enables; Vite's transformer needs to be told too.
 */
export const TRANSFORM = { oxc: { decorator: { legacy: true } } } as const;
