import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/common/ErrorBoundary';
import { useStudio } from './store/studio-store';
import { installAutomation } from './automation/install';
import { startApp } from './store/startup';
import './ui/styles.css';
import { initLocale, t } from './i18n/locale';
import { initTheme } from './ui/theme';
import { afterStartup } from './ui/startup/phase';

performance.mark('tau:main');
// The automation handle (only for drivers) loads after the first paint; drivers wait for window.tauStudio.
void afterStartup().then(installAutomation);
// Autosave, the link in the address, other tabs: started once, before the first render.
void startApp(useStudio);
initTheme();
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
const rootElement = root;
// The UI language first (the Chinese catalogue is a lazy chunk), then the first render.
void initLocale()
  .catch((error: unknown) => console.warn(`Language could not be loaded: ${error instanceof Error ? error.message : String(error)}`))
  .finally(() => {
    performance.mark('tau:render');
    createRoot(rootElement).render(
      <StrictMode>
        <ErrorBoundary what="Tau Studio" testId="app-error" onReset={() => undefined} resetLabel={t('error.tryAgain')} onNewNotebook={() => void useStudio.getState().newNotebook()}>
          <App />
        </ErrorBoundary>
      </StrictMode>,
    );
  });

// The service worker (offline, updates, isolation on header-less hosts) is registered from a lazy chunk
// once the page has loaded and gone idle, so its precache download (~5 MB) does not compete with the
// first data load. Not in `vite dev`, which has no built service worker.
function whenIdleAfterLoad(): Promise<void> {
  const idle = () => new Promise<void>((resolve) => (window.requestIdleCallback ? window.requestIdleCallback(() => resolve(), { timeout: 3000 }) : setTimeout(resolve, 1000)));
  if (document.readyState === 'complete') return idle();
  return new Promise((resolve) => window.addEventListener('load', () => void idle().then(resolve), { once: true }));
}
if (import.meta.env.PROD) {
  void whenIdleAfterLoad()
    .then(() => import('./pwa/register'))
    .then(({ registerServiceWorker }) =>
      registerServiceWorker({
        canReloadNow: () => {
          const s = useStudio.getState();
          return !s.dataset && !s.loading && s.training.status === 'idle';
        },
      }),
    )
    .catch((error: unknown) => console.warn(`Service worker unavailable: ${error instanceof Error ? error.message : String(error)}`));
}
