import { expect, test, type Page } from '@playwright/test';

/**
 * Typing in a note: 200 characters, each delivered as the textarea's input event (what a keystroke delivers),
 * one after the other. The page's work per keystroke (React's render and commit, store subscribers such as
 * the autosave) is timed in the page and reported; the assertions are about what was typed, never timings.
 * Measured on an empty notebook and with a data set loaded (more sections with content to re-render).
 */
test.use({ trace: 'off' });

interface Typing {
  perKey: number[];
  longest: number;
  text: string;
}

async function type200(page: Page): Promise<Typing> {
  return page.evaluate(async () => {
    let longest = 0;
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
    });
    observer.observe({ type: 'longtask' });
    const editor = document.querySelector<HTMLTextAreaElement>('[data-testid="note-editor"]');
    const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
    if (!editor || !setValue) throw new Error('no note editor');
    const perKey: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      setValue.call(editor, editor.value + String.fromCharCode(97 + (i % 26)));
      editor.dispatchEvent(new Event('input', { bubbles: true }));
      perKey.push(performance.now() - started);
      // Let timers and the next frame run between keystrokes, as between real ones.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    observer.disconnect();
    return { perKey, longest, text: editor.value };
  });
}

function summary(label: string, t: Typing): string {
  const sorted = [...t.perKey].sort((a, b) => a - b);
  const mean = t.perKey.reduce((a, b) => a + b, 0) / t.perKey.length;
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `${label}: per keystroke mean ${mean.toFixed(1)} ms, median ${at(0.5).toFixed(1)}, p95 ${at(0.95).toFixed(1)}, max ${at(1).toFixed(1)}; longest main-thread task ${t.longest.toFixed(0)} ms`;
}

const sequence = Array.from({ length: 200 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');

test('typing 200 characters into a note keeps every character; page work per keystroke is reported', async ({ page }) => {
  test.setTimeout(360_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByTestId('notebook-title')).toBeVisible();
  await page.waitForFunction(() => Boolean(window.tauStudio));
  await page.evaluate(() => window.tauStudio!.notebookReady());
  await expect(page.getByTestId('note-editor').first()).toBeVisible();

  const empty = await type200(page);
  expect(empty.text).toBe(sequence);
  console.log(summary('note typing, empty notebook', empty));

  await page.getByTestId('sample-breast-cancer').click();
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
  await page.getByTestId('note-editor').first().fill('');
  const loaded = await type200(page);
  expect(loaded.text).toBe(sequence);
  console.log(summary('note typing, breast cancer loaded', loaded));
  // What was typed reached the notebook (the store and the saved copy), not only the textarea.
  await expect(page.getByTestId('save-status')).toHaveText('Saved · verified');
  await page.reload();
  await expect(page.getByTestId('note-cell').first().locator('p').first()).toHaveText(sequence);
  expect(errors).toEqual([]);
});
