import type { ModelCalls } from '../protocol';
import { loadRuntime, readyRuntime, setTrained, workerState, type Handlers } from '../worker-state';
import { prewarmed } from '../prewarm';

export const modelHandlers: Handlers<ModelCalls> = {
  async 'model-artifacts'() {
    const trained = workerState.trained;
    if (!trained) return null;
    await loadRuntime();
    const { toArtifacts } = await import('../../train/model-io');
    return toArtifacts(trained);
  },

  async 'load-model'(artifacts) {
    // A shared notebook may restore a model before anything trained: a backend must be ready first.
    await prewarmed(); // a WASM warm-up in flight (prewarm.ts) finishes before the backend is read
    const rt = await readyRuntime();
    const { fromArtifacts } = await import('../../train/model-io');
    const trained = await fromArtifacts(artifacts);
    setTrained(trained);
    return { parameters: trained.model.countParams(), backend: rt.tf.getBackend() as 'webgpu' | 'webgl' | 'wasm' | 'cpu' };
  },
};
