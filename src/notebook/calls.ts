/** Worker calls the notebook feature adds (listed in WorkerCalls, handled in handlers/notebook-handlers.ts). */

/** The exact bytes of the loaded file, as the notebook records them for sharing and verification. */
export interface DatasetFingerprint {
  name: string;
  bytes: number;
  /** SHA-256 of the file, lowercase hex; null when the file is too large to hash here. */
  sha256: string | null;
  /** The file as text when it is small enough to travel inside the notebook and is valid UTF-8. */
  text: string | null;
}

export interface NotebookCalls {
  /** Fingerprint of the loaded table's original file; null when the table did not come from a file. */
  'dataset-fingerprint': [{ datasetId: string; inlineMaxBytes: number }, DatasetFingerprint | null];
  /** Drops the trained model (opening a notebook that has none must not leave the previous one's). */
  'forget-model': [Record<string, never>, null];
}
