import { useStudio } from '../store/studio-store';
import { BACKEND_LABELS } from '../train/settings';
import { useT } from '../i18n/locale';
import { usePwaState } from '../pwa/pwa-state';

/** Always visible: which backend trains (or will), on what adapter, and why. */
export function BackendBadge() {
  const t = useT();
  const backends = useStudio((s) => s.backends);
  const results = useStudio((s) => s.notebook.results);
  const choice = useStudio((s) => s.notebook.training.backend);
  const inUse = useStudio((s) => s.backendInUse);
  const { isolationProblem } = usePwaState();
  const webgpu = backends?.find((b) => b.name === 'webgpu');
  const wasm = backends?.find((b) => b.name === 'wasm');

  let text: string;
  let title: string;
  const active = inUse ?? (results ? { name: results.backend, reason: results.backendReason, adapter: results.adapter } : null);
  if (active) {
    text = `${BACKEND_LABELS[active.name]}${active.adapter ? ` · ${active.adapter}` : ''}`;
    title = active.reason;
  } else if (!backends) {
    text = t('backend.checking');
    title = t('backend.checkingTitle');
  } else {
    text = choice === 'auto' ? `${t('backend.auto')} · ${webgpu?.available ? t('backend.webgpuAvailable') : t('backend.noWebgpu')}` : t('backend.chosen', { backend: BACKEND_LABELS[choice] });
    title = t('backend.decidedAtStart');
  }
  // WASM threads need cross-origin isolation; say so, and why not when they are missing.
  const threads = wasm?.available ? wasm.threads === true : null;
  if (threads !== null && (!active || active.name === 'wasm')) {
    if (active) text += ` · ${threads ? t('backend.multiThreaded') : t('backend.singleThreaded')}`;
    title += ` ${threads ? t('backend.threadsOn') : t(`backend.threads.${isolationProblem ?? 'unknown'}`)}`;
  }
  return (
    <div
      className="backend-badge"
      data-testid="backend-badge"
      data-backend={active?.name ?? ''}
      data-threads={threads === null ? '' : String(threads)}
      title={title}
      aria-label={t('backend.aria', { text, title })}
    >
      <span className="backend-dot" data-state={active ? 'active' : 'idle'} aria-hidden="true" />
      <span>{t('backend.label', { text })}</span>
    </div>
  );
}

/** Says plainly when WebGPU is missing, so a user knows training falls back to a slower path. */
export function BackendNotice() {
  const t = useT();
  const backends = useStudio((s) => s.backends);
  const inUse = useStudio((s) => s.backendInUse);
  const webgpu = backends?.find((b) => b.name === 'webgpu');
  if (!webgpu || webgpu.available) return null;
  return (
    <div className="message message-warning backend-notice" role="status" data-testid="webgpu-fallback-notice">
      {t('backend.fallbackNotice', { reason: webgpu.reason ?? '' })} {inUse ? <strong>{BACKEND_LABELS[inUse.name]}</strong> : t('backend.fallbackAny')}
      {inUse ? ` — ${inUse.reason}` : '.'}
    </div>
  );
}
