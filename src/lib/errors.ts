/** A problem with the user's file: `code` for programs, `message` for people (what, where, what to do). */
export class DataError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DataError';
  }
}

/** Message of an unknown thrown value, for wrapping third-party errors. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
