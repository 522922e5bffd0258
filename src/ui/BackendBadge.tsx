import { useStudio } from '../store/studio-store';
import { BACKEND_LABELS } from '../train/settings';

/** Always visible: which backend trains (or will), on what adapter, and why. */
export function BackendBadge() {
  const backends = useStudio((s) => s.backends);
  const results = useStudio((s) => s.notebook.results);
  const choice = useStudio((s) => s.notebook.training.backend);
  const inUse = useStudio((s) => s.backendInUse);
  const webgpu = backends?.find((b) => b.name === 'webgpu');

  let text: string;
  let title: string;
  const active = inUse ?? (results ? { name: results.backend, reason: results.backendReason, adapter: results.adapter } : null);
  if (active) {
    text = `${BACKEND_LABELS[active.name]}${active.adapter ? ` · ${active.adapter}` : ''}`;
    title = active.reason;
  } else if (!backends) {
    text = 'checking…';
    title = 'Checking which backends this browser offers';
  } else {
    text = choice === 'auto' ? `Auto${webgpu?.available ? ' · WebGPU available' : ' · no WebGPU'}` : `${BACKEND_LABELS[choice]} (chosen)`;
    title = 'The backend is decided when training starts.';
  }
  return (
    <div className="backend-badge" data-testid="backend-badge" data-backend={active?.name ?? ''} title={title} aria-label={`Compute backend: ${text}. ${title}`}>
      <span className="backend-dot" data-state={active ? 'active' : 'idle'} aria-hidden="true" />
      <span>Backend: {text}</span>
    </div>
  );
}

/** Says plainly when WebGPU is missing, so a user knows training falls back to a slower path. */
export function BackendNotice() {
  const backends = useStudio((s) => s.backends);
  const inUse = useStudio((s) => s.backendInUse);
  const webgpu = backends?.find((b) => b.name === 'webgpu');
  if (!webgpu || webgpu.available) return null;
  return (
    <div className="message message-warning backend-notice" role="status" data-testid="webgpu-fallback-notice">
      WebGPU is unavailable: {webgpu.reason}. Training falls back to{' '}
      {inUse ? <strong>{BACKEND_LABELS[inUse.name]}</strong> : 'WebGL, WASM or CPU (the fastest that works here)'}
      {inUse ? ` — ${inUse.reason}` : '.'}
    </div>
  );
}
