/**
 * Import circles (`npm run lint:cycles`, part of `npm test`). TypeORM relations tie entities
 * both ways (a province has districts, a district its province): a circle made only of
 * `*.entity.ts` files is allowed; any other circle fails, type-only imports and Vue
 * single-file components included. Break one by moving the shared type or constant to the
 * module that owns it.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import circle through more than TypeORM entities: move what is shared to the module that owns it.',
      from: {},
      // `via.pathNot`: matches unless every module of the circle is an entity.
      to: { circular: true, via: { pathNot: '[.]entity[.]ts$' } },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: `${__dirname}/tsconfig.json` },
    enhancedResolveOptions: { extensions: ['.ts', '.mts', '.js', '.mjs', '.vue', '.json'] },
  },
};
