import type * as tf from '@tensorflow/tfjs';

export interface LoadedBundle {
  model: tf.LayersModel;
  preprocessing: { kind?: 'tabular' | 'image'; target: { classes: string[] }; [key: string]: unknown };
}
export function loadBundle(readFile: (name: string) => Promise<ArrayBuffer | Uint8Array>): Promise<LoadedBundle>;
export function encodeRow(preprocessing: LoadedBundle['preprocessing'], row: Record<string, unknown> | Map<string, unknown>): number[];
export function encodeImage(preprocessing: LoadedBundle['preprocessing'], pixels: ArrayLike<number>): number[];
export function predict(bundle: LoadedBundle, items: (Record<string, unknown> | Map<string, unknown> | ArrayLike<number>)[]): { label: string; probabilities: Record<string, number> }[];
export function textTerms(tokenizer: { normalization: string; lowercase: boolean; wordNgrams: [number, number]; charNgrams: [number, number] | null; maxCellChars: number }, text: string): string[];
