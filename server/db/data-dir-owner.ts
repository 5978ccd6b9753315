import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Which process owns an embedded PostgreSQL data folder: `<data folder>.owner` (beside the
 * data, so initdb still finds an empty folder) names the node process that started the
 * PostgreSQL in it. A PostgreSQL whose owner is alive is never stopped by another start; one
 * whose owner is gone (a killed run) is recovered. "Alive" means the PID answers signal 0
 * and, where /proc tells, started when the owner file says: a PID reused by another process
 * since does not count (after a reboot or in a container, node may well get the same PID).
 */

export type DataDirOwner = {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux /proc), or null where unknown. */
  startTime: string | null;
  port: number;
  command: string;
  since: string;
};

/** Another live process owns the data folder: refused, with how to go on. */
export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    super(
      `Another process is already running (PID ${owner.pid}) on the embedded PostgreSQL in ${dataDir}: ` +
        `\`${owner.command}\`, since ${owner.since}, PostgreSQL on port ${owner.port}. ` +
        `Two servers cannot share one data folder.\n` +
        `Stop that one first (Ctrl-C in its terminal, or kill ${owner.pid}), or give this one its own ` +
        `folder and ports, e.g. DATA_DIR=.data-2 EMBEDDED_PG_PORT=54330 PORT=4001 npm start`,
    );
    this.name = 'DataDirInUse';
  }
}

export const ownerFileOf = (dataDir: string): string => `${path.resolve(dataDir)}.owner`;

/** Field 22 of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses). */
const processStartTime = (pid: number): string | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
};

const answers = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Data folders this process holds: asked again, it refuses like any other live owner. */
const held = new Set<string>();

const isLive = (owner: DataDirOwner, dataDir: string): boolean => {
  if (owner.pid === process.pid) return held.has(dataDir); // else a previous life of this PID
  if (!Number.isInteger(owner.pid) || owner.pid <= 0 || !answers(owner.pid)) return false;
  const startTime = processStartTime(owner.pid);
  return owner.startTime === null || startTime === null || startTime === owner.startTime;
};

const readOwner = (file: string): { text: string; owner: DataDirOwner | null } | null => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    return { text, owner: JSON.parse(text) as DataDirOwner };
  } catch {
    return { text, owner: null };
  }
};

/**
 * Takes the data folder for this process, or throws DataDirInUse when a live process owns it.
 * A stale owner file is moved aside atomically (rename), so of two starts that find the same
 * stale file only one takes the folder. Returns the release, which removes the file if it is
 * still this process's.
 */
export const acquireDataDir = async (dataDir: string, port: number): Promise<() => void> => {
  const dir = path.resolve(dataDir);
  const file = ownerFileOf(dir);
  const me: DataDirOwner = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    port,
    command: [
      path.basename(process.argv[0] ?? 'node'),
      ...process.argv.slice(1).map((a) => path.relative(process.cwd(), a) || a),
    ].join(' '),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (held.has(dir)) break;
    try {
      writeFileSync(file, JSON.stringify(me, null, 2), { flag: 'wx', mode: 0o644 });
      held.add(dir);
      return () => {
        held.delete(dir);
        if (readOwner(file)?.owner?.pid === process.pid) rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let found = readOwner(file);
    if (found && !found.owner) {
      // Possibly being written by a start that just created it: look again.
      await new Promise((resolve) => setTimeout(resolve, 200));
      found = readOwner(file);
    }
    if (!found) continue;
    if (found.owner && isLive(found.owner, dir)) throw new DataDirInUse(dir, found.owner);
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    // Another start replaced the stale file between our read and the rename: give it back.
    if (readOwner(aside)?.text !== found.text) {
      try {
        linkSync(aside, file);
      } catch {
        // a third one holds the name now; the next round reads it
      }
    }
    rmSync(aside, { force: true });
  }
  const owner = readOwner(file)?.owner;
  if (owner) throw new DataDirInUse(dir, owner);
  throw new Error(`Could not take ${file}`);
};
