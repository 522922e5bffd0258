/** How much a search may spend: wall time or a number of configurations (trials). */
export type SearchBudget = { kind: 'time'; seconds: number } | { kind: 'trials'; count: number };

/** Parses "60s", "2m", "90" (seconds) or "20trials" / "20t"; null when it is none of those. */
export function parseBudget(text: string): SearchBudget | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|sec|seconds|m|min|minutes|t|trials?)?\s*$/i.exec(text);
  if (!m) return null;
  const value = Number(m[1]);
  const unit = (m[2] ?? 's').toLowerCase();
  if (unit.startsWith('t')) return Number.isInteger(value) && value >= 1 && value <= 10_000 ? { kind: 'trials', count: value } : null;
  const seconds = unit.startsWith('m') ? value * 60 : value;
  return seconds >= 1 && seconds <= 24 * 3600 ? { kind: 'time', seconds } : null;
}

export function describeBudget(b: SearchBudget): string {
  return b.kind === 'time' ? `${b.seconds} s` : `${b.count} trials`;
}

/**
 * Budget accounting for a search. Time budgets cover the whole job, including the final fit on all
 * training rows, so the search stops early enough to leave `reserveSeconds` for it.
 */
export class BudgetTracker {
  private readonly started: number;
  private trials = 0;

  constructor(
    readonly budget: SearchBudget,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  elapsedSeconds(): number {
    return (this.now() - this.started) / 1000;
  }

  /** Seconds left (time budgets), else null. */
  secondsLeft(reserveSeconds = 0): number | null {
    return this.budget.kind === 'time' ? Math.max(0, this.budget.seconds - reserveSeconds - this.elapsedSeconds()) : null;
  }

  trialsStarted(): number {
    return this.trials;
  }

  /** Whether another configuration may be sampled. */
  canStartTrial(reserveSeconds = 0): boolean {
    if (this.budget.kind === 'trials') return this.trials < this.budget.count;
    return (this.secondsLeft(reserveSeconds) ?? 0) > 0;
  }

  /** Whether a run already sampled may still train (time budgets: before the deadline). */
  canContinue(reserveSeconds = 0): boolean {
    return this.budget.kind === 'trials' || (this.secondsLeft(reserveSeconds) ?? 0) > 0;
  }

  startTrial(): void {
    this.trials++;
  }
}
