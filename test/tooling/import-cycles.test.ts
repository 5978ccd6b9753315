import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const config = path.join(root, '.dependency-cruiser.cjs');

/**
 * `npm run lint:cycles` (the project's own dependency-cruiser rules) on a small tree made here:
 * it fails on every kind of circle the app could grow and lets TypeORM entity pairs be.
 */
describe('npm test refuses import circles other than TypeORM entity pairs', () => {
  let dir: string;
  const cruise = (...folders: string[]) => {
    const result = spawnSync(process.execPath, [depcruise, ...folders, '--config', config], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  };
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lao-import-cycles-'));
    // Entities that relate both ways: allowed.
    write(
      'entities/province.entity.ts',
      `import { District } from './district.entity';\nexport class Province { d?: District }\n`,
    );
    write(
      'entities/district.entity.ts',
      `import type { Province } from './province.entity';\nexport class District { p?: Province }\n`,
    );
    // A service and its entity importing each other: refused, entity or not.
    write(
      'service/lao.entity.ts',
      `import { laoLabel } from './lao.service';\nexport const label = laoLabel;\n`,
    );
    write(
      'service/lao.service.ts',
      `import type { Lao } from './lao.entity';\nexport const laoLabel = (lao?: Lao) => lao;\nexport type Lao = object;\n`,
    );
    // A circle of type-only imports (as config.ts ↔ open-data.ts was): refused.
    write(
      'types/config.ts',
      `import type { Limits } from './open-data';\nexport type Config = { limits: Limits };\n`,
    );
    write(
      'types/open-data.ts',
      `import type { Config } from './config';\nexport type Limits = { n: number; c?: Config };\n`,
    );
    // A Vue view and the router that loads it lazily (as login-view.vue ↔ router/index.ts was): refused.
    write(
      'client/router.ts',
      `export const routes = [{ component: () => import('./login-view.vue') }];\nexport const safe = 1;\n`,
    );
    write(
      'client/login-view.vue',
      `<script setup lang="ts">\nimport { safe } from './router';\nconst value = safe;\n</script>\n<template><p>{{ value }}</p></template>\n`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes a tree whose only circle is two entities related both ways', () => {
    const result = cruise('entities');
    expect(result.output).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  });

  it('fails on a circle through a service, of type-only imports, or through a Vue component', () => {
    const result = cruise('entities', 'service', 'types', 'client');
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/no-circular: service\/lao\.(entity|service)\.ts/);
    expect(result.output).toMatch(/no-circular: types\/(config|open-data)\.ts/);
    expect(result.output).toMatch(/no-circular: client\/(router\.ts|login-view\.vue)/);
    expect(result.output).not.toContain('no-circular: entities/');
  });
});
