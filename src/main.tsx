import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { ErrorBoundary } from './ui/common/ErrorBoundary';
import { useStudio } from './store/studio-store';
import { installAutomation } from './automation/automation';
import './ui/styles.css';

installAutomation();
const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <ErrorBoundary what="Tau Studio" testId="app-error" onReset={() => undefined} resetLabel="Try again" onNewNotebook={() => void useStudio.getState().newNotebook()}>
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
