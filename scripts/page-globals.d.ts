/**
 * What the runner and the bench read off the page inside `page.evaluate` callbacks (type-checked with
 * tsconfig.scripts.json). The full types live in src/automation; scripts only pass values through.
 */
export {};

/** One call of window.tauStudio: `{ ok: true, value }` or `{ ok: false, error: { code, message } }`. */
type AutomationCall = (...args: unknown[]) => Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;

declare global {
  interface Window {
    tauStudio: Record<string, AutomationCall>;
    /** Set by the runner's init script: the app installs window.tauStudio only when a driver asks. */
    __tauAutomation?: boolean;
    /** bench: durations of long tasks seen while training. */
    __longTasks: number[];
    /** scripts/measure/result-tasks.mjs: long tasks (start, duration) from the Train call to the rendered result. */
    __resultTasks: { start: number; duration: number }[];
    /** bench: papaparse, loaded into the page for the parsing comparison. */
    Papa: { parse(input: string | Blob, options?: object): void };
  }
}
