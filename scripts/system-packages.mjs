#!/usr/bin/env node
// First step of `npm test`: the Debian packages the suites need, checked for real.
// Missing ones are installed when running as root (apt-get, as on a fresh CI machine);
// otherwise it stops before any test with the exact command to run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * One line per Debian package: its name, what proves it is present (a command on PATH, or
 * any of some files), and what for. Adding a package is adding a line.
 */
const systemPackages = [
  { name: 'chromium', command: 'chromium', usedFor: 'the browser suites (test/e2e)' },
  {
    name: 'fonts-thai-tlwg',
    files: ['/usr/share/fonts/truetype/tlwg/Loma.ttf', '/usr/share/fonts/opentype/tlwg/Loma.otf'],
    usedFor: 'Thai text in Chromium (test/e2e)',
  },
  {
    name: 'slapd',
    files: ['/usr/sbin/slapd'],
    usedFor: 'the directory (LDAP) sign-in tests, against a real OpenLDAP server',
  },
  {
    name: 'mariadb-server',
    files: ['/usr/sbin/mariadbd'],
    usedFor: 'the legacy e-PlanNACC import tests, against a real MariaDB',
  },
  {
    name: 'nginx',
    files: ['/usr/sbin/nginx'],
    usedFor: 'the edge test: docker/nginx.conf in front of two app instances (test/e2e/edge-nginx.test.ts)',
  },
  { name: 'openssl', files: ['/usr/bin/openssl'], usedFor: "the edge test's TLS certificate" },
  {
    name: 'gettext-base',
    files: ['/usr/bin/envsubst'],
    usedFor: 'rendering docker/nginx.conf as the proxy image does (docker/nginx-render.sh)',
  },
];

// For tests of this script only: pretend another user id, or look for files under another root.
const uid = () => Number(process.env.SYSTEM_PACKAGES_UID ?? process.getuid?.() ?? -1);
const fileRoot = () => process.env.SYSTEM_PACKAGES_FILE_ROOT ?? '/';

const executable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};
const exists = (file) => {
  try {
    accessSync(file, constants.R_OK);
    return true;
  } catch {
    return false;
  }
};

/** What proves a package present, in words, for the message. */
const proofText = (pkg) => (pkg.command ? `no \`${pkg.command}\` on PATH` : `no ${pkg.files.join(' or ')}`);

const isPresent = (pkg) =>
  pkg.command
    ? (process.env.PATH ?? '')
        .split(path.delimiter)
        .some((dir) => dir && executable(path.join(dir, pkg.command)))
    : pkg.files.some((file) => exists(path.join(fileRoot(), file)));

const missingPackages = () => systemPackages.filter((pkg) => !isPresent(pkg));

const describe = (missing) =>
  missing.map((pkg) => `  ${pkg.name.padEnd(18)} ${proofText(pkg)}; for ${pkg.usedFor}`).join('\n');

const aptGet = (args) => {
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
};

const main = () => {
  const missing = missingPackages();
  if (missing.length === 0) return 0;
  const names = missing.map((pkg) => pkg.name).join(' ');
  if (uid() !== 0) {
    console.error(
      `npm test needs Debian packages that are not installed:\n${describe(missing)}\n\n` +
        `Install them, then run npm test again:\n\n` +
        `  sudo apt-get update && sudo apt-get install -y ${names}\n`,
    );
    return 1;
  }
  console.log(`Installing the Debian packages the tests need: ${names}`);
  if (!aptGet(['update', '-qq']) || !aptGet(['install', '-y', '-qq', ...missing.map((pkg) => pkg.name)])) {
    console.error(`apt-get could not install ${names}; install them and run npm test again.`);
    return 1;
  }
  const still = missingPackages();
  if (still.length > 0) {
    console.error(`Installed, yet still missing:\n${describe(still)}`);
    return 1;
  }
  return 0;
};

process.exitCode = main();
