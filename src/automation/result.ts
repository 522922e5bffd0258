/** What every automation call returns: a value, or an error a person can act on. */
export type AutomationResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export const fail = (code: string, message: string): AutomationResult<never> => ({ ok: false, error: { code, message } });
