import { expect, test, chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error no type declarations for the .mjs helper
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';

/**
 * A real crash: Chromium is started here as a child process on a profile folder, the test types into a
 * note without pause and SIGKILLs the browser (no shutdown, no waiting for "Saved"), then starts it again
 * on the same profile. The notebook must reopen with everything typed more than 0.5 s before the kill.
 * (CDP Page.crash only kills a renderer and leaves Playwright's context unusable; a persistent context
 * launched by Playwright hides the browser's process id. Spawning Chromium and connecting over CDP gives both.)
 */
const base = `http://localhost:${Number(process.env.TAU_E2E_PORT ?? 4173)}/`;
const executable: string = process.env.TAU_CHROMIUM ?? (findChromium() as string);

interface Running {
  process: ChildProcess;
  browser: Browser;
  page: Page;
}

async function start(profile: string): Promise<Running> {
  const args: string[] = [...(chromiumArgs({ webgpu: false }) as string[]), '--headless=new', '--no-default-browser-check', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'];
  const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not start: ${seen.slice(-500)}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}): ${seen.slice(-500)}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint, { timeout: 120_000 });
  const context = browser.contexts()[0];
  // The automation handle (notebookReady) exists only when a driver asks for it.
  await context.addInitScript(() => {
    (window as unknown as { __tauAutomation: boolean }).__tauAutomation = true;
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { process: child, browser, page };
}

/** Kills a browser process (if it still runs) and waits until it has exited. */
async function stopped(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function ready(page: Page): Promise<void> {
  await page.goto(base);
  await expect(page.getByTestId('notebook-title')).toBeVisible({ timeout: 60_000 });
  await page.waitForFunction(() => Boolean(window.tauStudio));
  await page.evaluate(() => window.tauStudio!.notebookReady());
}

test('crash mid-edit: SIGKILL the browser while typing, restart, at most the last 0.5 s of typing is lost', async () => {
  test.setTimeout(360_000);
  const profile = mkdtempSync(join(tmpdir(), 'tau-crash-'));
  let first: Running | null = null;
  let second: Running | null = null;
  try {
    first = await start(profile);
    await ready(first.page);
    await first.page.getByTestId('notebook-title').fill('Crash test');
    await expect(first.page.getByTestId('save-status')).toHaveText('Saved · verified', { timeout: 30_000 });
    await first.page.getByTestId('note-editor').first().click();
    // Type without pause (a character every 25 ms, through the textarea's input event as a keystroke delivers
    // it), never waiting for "Saved". Keystrokes are driven in the page: over CDP each press is a round trip
    // that took ~0.6 s on the loaded test machine. Each character is timestamped when React received it.
    const started = Date.now();
    await first.page.evaluate(() => {
      const w = window as unknown as { __typed: [number, number][]; __blocked: number };
      w.__typed = [];
      w.__blocked = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__blocked = Math.max(w.__blocked, e.duration);
      }).observe({ type: 'longtask' });
      const editor = document.querySelector<HTMLTextAreaElement>('[data-testid="note-editor"]');
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
      if (!editor || !setValue) throw new Error('no note editor');
      let i = 0;
      setInterval(() => {
        setValue.call(editor, editor.value + String.fromCharCode(97 + (i++ % 26)));
        editor.dispatchEvent(new Event('input', { bubbles: true }));
        w.__typed.push([editor.value.length, Date.now()]);
      }, 25);
    });
    await first.page.waitForTimeout(3000);
    const { typed, blocked } = await first.page.evaluate(() => {
      const w = window as unknown as { __typed: [number, number][]; __blocked: number };
      return { typed: w.__typed, blocked: w.__blocked };
    });
    const killedAt = Date.now();
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first?.process.once('exit', resolve));
    await first.browser.close().catch((error: unknown) => console.log(`(the killed browser's connection closed: ${String(error)})`));
    first = null;

    second = await start(profile);
    await ready(second.page);
    await expect(second.page.getByTestId('notebook-title')).toHaveValue('Crash test');
    const note = second.page.getByTestId('note-cell').first();
    // A non-empty note opens rendered; its text is the paragraph.
    const restored = (
      (await note
        .locator('p')
        .first()
        .textContent({ timeout: 10_000 })
        .catch(() => '')) ?? ''
    ).trim();
    const sequence = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    // Everything delivered at least 0.5 s before the kill (all of it is in `typed`: it was read just before).
    // The autosave's 0.5 s is page time: when the loaded machine starved the page (a long task), the write
    // could not run sooner, so the window is 0.5 s plus the longest main-thread task while typing (reported).
    const allowed = 500 + blocked;
    const mustHave = [...typed].reverse().find(([, at]) => at <= killedAt - allowed)?.[0] ?? 0;
    const lostFrom = typed.find(([length]) => length > restored.length)?.[1] ?? killedAt;
    console.log(
      `crash test: ${typed.length} characters typed in ${killedAt - started} ms before the kill (more may follow until the process died); ${restored.length} restored; lost: the last ${killedAt - lostFrom} ms before the kill; longest main-thread task while typing ${blocked.toFixed(0)} ms`,
    );
    // The rate depends on the machine's load (40/s when idle; a handful per second under 6 parallel builds).
    expect(typed.length).toBeGreaterThanOrEqual(5);
    expect(mustHave).toBeGreaterThanOrEqual(1);
    // Nothing invented, nothing typed more than 0.5 s before the kill lost.
    expect(restored).toBe(sequence(restored.length));
    expect(restored.length).toBeGreaterThanOrEqual(mustHave);
  } finally {
    for (const running of [first, second]) {
      if (!running) continue;
      await running.browser.close().catch((error: unknown) => console.log(`(closing the browser: ${String(error)})`));
      await stopped(running.process);
    }
    // Chromium's helper processes may still be writing into the profile for a while after the browser exits
    // (ENOTEMPTY failed the clean-up once in CI after 10 × 200 ms). A profile left in /tmp is harmless: say so
    // instead of failing a test whose assertions all passed.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 25, retryDelay: 200 });
    } catch (error) {
      console.log(`(could not remove the test profile ${profile}: ${String(error)}; left in place)`);
    }
  }
});
