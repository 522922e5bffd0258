/** Trained model ↔ document: ModelArtifacts with the weights as base64, so they survive JSON. */
import type { ModelArtifacts } from '../../export/model-artifacts';
import type { EmbeddedModel } from '../document';
import { base64ToBytes, bytesToBase64 } from './base64';

export function embedModel(artifacts: ModelArtifacts, resultsFinishedAt: string): EmbeddedModel {
  return {
    resultsFinishedAt,
    modelTopology: structuredClone(artifacts.modelTopology) as Record<string, unknown>,
    weightSpecs: artifacts.weightSpecs.map((w) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype })),
    weightsBase64: bytesToBase64(new Uint8Array(artifacts.weightData)),
    exampleShape: [...artifacts.exampleShape],
    classes: [...artifacts.classes],
    preprocessing: artifacts.preprocessing,
    ...(artifacts.image ? { image: { ...artifacts.image } } : {}),
  };
}

export function artifactsOf(model: EmbeddedModel): ModelArtifacts {
  const bytes = base64ToBytes(model.weightsBase64);
  return {
    format: 'tau-model',
    version: 1,
    modelTopology: model.modelTopology,
    weightSpecs: model.weightSpecs,
    // A fresh, exactly sized buffer (the decoded view may not start at offset 0 in other runtimes).
    weightData: bytes.slice().buffer,
    exampleShape: model.exampleShape,
    classes: model.classes,
    preprocessing: model.preprocessing,
    ...(model.image ? { image: model.image } : {}),
  };
}
