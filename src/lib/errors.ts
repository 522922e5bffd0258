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
