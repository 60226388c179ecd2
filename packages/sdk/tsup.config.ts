import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  // The generated code names @graphql-typed-document-node/core for one type: inline it so the
  // package has no dependency at all.
  dts: { resolve: ['@graphql-typed-document-node/core'] },
  sourcemap: true,
  clean: true,
  treeshake: true,
});
