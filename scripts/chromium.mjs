// Finds a Chromium for Playwright (which cannot download its own browser here), or installs Debian's.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/snap/bin/chromium'];

function playwrightCacheBrowsers() {
  const dir = join(homedir(), '.cache', 'ms-playwright');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => d.startsWith('chromium'))
    .flatMap((d) => [join(dir, d, 'chrome-linux', 'chrome'), join(dir, d, 'chrome-linux64', 'chrome')]);
}

export function findChromium() {
  const fromEnv = process.env.TAU_CHROMIUM ?? process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`TAU_CHROMIUM points to ${fromEnv}, which does not exist.`);
  }
  return [...CANDIDATES, ...playwrightCacheBrowsers()].find((p) => existsSync(p)) ?? null;
}

const HELP = `Tau Studio needs Chromium for its headless runner and browser tests, and none was found.
Install it, then run the command again:
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium
  elsewhere:      install Chromium or Chrome and set TAU_CHROMIUM=/path/to/chrome`;

/** Returns a Chromium path; installs Debian's package when allowed and possible (root or passwordless sudo). */
export function ensureChromium({ install = true, log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const found = findChromium();
  if (found) return found;
  if (!install) throw new Error(HELP);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  const canSudo = !isRoot && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!hasApt || (!isRoot && !canSudo)) throw new Error(HELP);
  log('Chromium not found; installing Debian’s chromium package (apt-get)…');
  const prefix = isRoot ? [] : ['sudo', '-n'];
  try {
    const run = (args) =>
      execFileSync(prefix[0] ?? args[0], prefix.length ? [...prefix.slice(1), ...args] : args.slice(1), {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', 'chromium']);
  } catch (error) {
    throw new Error(`Installing Chromium failed (${error instanceof Error ? error.message : String(error)}).\n${HELP}`, { cause: error });
  }
  const installed = findChromium();
  if (!installed) throw new Error(`apt-get finished but no Chromium binary appeared.\n${HELP}`);
  return installed;
}

/** Flags for headless Chromium here: WebGPU on a localhost origin, and no background network chatter. */
export function chromiumArgs({ webgpu = true } = {}) {
  return [
    ...(webgpu ? ['--enable-unsafe-webgpu'] : []),
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ];
}
