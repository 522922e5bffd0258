import { tableAutomation } from './table-automation';
import { trainAutomation } from './train-automation';
import { imageAutomation } from './image-automation';
import { revenueAutomation } from './revenue-automation';
import { predictAutomation } from './predict-automation';
import { notebookAutomation } from './notebook-automation';
import { searchAutomation } from './search-automation';
import { progressAutomation } from './progress-automation';

/**
 * The headless runner's handle on the real app (window.tauStudio). Every call goes through the same
 * store actions — and so the same worker and modules — as a person clicking; there is no second path.
 * A feature adds its own `xAutomation` object in its own file and spreads it in here.
 */
function createAutomation() {
  return { ...tableAutomation, ...trainAutomation, ...revenueAutomation, ...imageAutomation, ...predictAutomation, ...notebookAutomation, ...searchAutomation, ...progressAutomation };
}

export type TauAutomation = ReturnType<typeof createAutomation>;

declare global {
  interface Window {
    tauStudio?: TauAutomation;
  }
}

/** Installs window.tauStudio (called by ./install once a driver asked for it). */
export function installAutomationNow(): void {
  window.tauStudio = createAutomation();
}
