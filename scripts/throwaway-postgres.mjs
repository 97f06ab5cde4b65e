// Starts a throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks, the recipe
// from shared/NOTES.md: initdb + pg_ctl as the `postgres` user when we are root.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';

function findBin(name) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const candidate = join(root, v, 'bin', name);
      if (existsSync(candidate)) return candidate;
    }
  }
  throw new Error(`PostgreSQL's ${name} was not found. Install the server (Debian: apt-get install -y postgresql) or set DATABASE_URL.`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function uidOf(user) {
  return Number(execFileSync('id', ['-u', user]).toString().trim());
}

/**
 * Starts a cluster and returns { url, stop }. The data folder is deleted on stop.
 * Tests run it with `fsync=off` (nothing to keep); `{ durable: true }` keeps PostgreSQL's
 * defaults (`fsync=on`, `synchronous_commit=on`), for benchmarks whose figures sit beside
 * SQLite's `synchronous=FULL`.
 */
export async function startThrowawayPostgres({ durable = false } = {}) {
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  const dir = mkdtempSync(join(tmpdir(), 'terroir-pg-'));
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  const log = join(dir, 'log');
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  const run = (bin, args) => {
    if (asRoot) {
      const quoted = [bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'pipe' });
    } else {
      execFileSync(bin, args, { stdio: 'pipe' });
    }
  };
  if (asRoot) {
    const uid = uidOf('postgres');
    chownSync(dir, uid, uid);
  }
  run(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  run(pgCtl, [
    '-D',
    data,
    '-l',
    log,
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${durable ? 'on' : 'off'} -c max_connections=200`,
    '-w',
    'start',
  ]);
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
