import type { Config } from 'jest';

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const config: Config = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': swc as never,
    // otplib 13's CommonJS build requires these ESM-only packages (Node ≥ 20.19 loads them with
    // require(esm); jest's module runtime does not): compiled to CommonJS for the tests.
    '^.+/node_modules/@(scure|noble)/.+\\.js$': swc as never,
  },
  transformIgnorePatterns: ['/node_modules/(?!@scure/|@noble/)'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  setupFilesAfterEnv: ['<rootDir>/test/helpers/no-open-servers.ts'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60_000,
  // Two cores: two workers; the e2e suite spawns its own server process.
  maxWorkers: 2,
};

export default config;
