/**
 * Lets queued messages (stop, cancel, row requests) run between training batches.
 * A MessageChannel round trip avoids setTimeout's 4 ms clamp for nested timers.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Waits `ms` milliseconds (polling loops in the automation layer). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface PostTaskScheduler {
  postTask(callback: () => void, options: { priority: 'background'; signal: AbortSignal }): Promise<void>;
}

/**
 * Runs `callback` in a later task at background priority (`scheduler.postTask` where the browser has it, else a
 * 0 ms timer; never `requestIdleCallback`, which a headless page without input may not call); returns a cancel function.
 */
export function nextTask(callback: () => void): () => void {
  const scheduler = (globalThis as { scheduler?: PostTaskScheduler }).scheduler;
  if (scheduler?.postTask) {
    const controller = new AbortController();
    scheduler.postTask(callback, { priority: 'background', signal: controller.signal }).catch((error: unknown) => {
      // Aborting (the component went away or moved on) rejects the task's promise; anything else is a bug.
      if (!controller.signal.aborted) throw error;
    });
    return () => controller.abort();
  }
  const timer = setTimeout(callback, 0);
  return () => clearTimeout(timer);
}
