/**
 * The automation handle exists only when a driver asks for it: a browser under automation (WebDriver /
 * Playwright set navigator.webdriver) or a page whose init script set window.__tauAutomation = true
 * (scripts/tau does both). A person's normal browser never gets window.tauStudio — nor downloads its
 * code: the automation (which reaches every feature, revenue's decimal arithmetic included) is a lazy
 * chunk, so it does not count against the initial JavaScript. Drivers wait for window.tauStudio.
 */
export function automationRequested(): boolean {
  const flag = (window as unknown as { __tauAutomation?: unknown }).__tauAutomation === true;
  return flag || (typeof navigator !== 'undefined' && navigator.webdriver === true);
}

export function installAutomation(): void {
  if (!automationRequested()) return;
  void import('./automation')
    .then(({ installAutomationNow }) => installAutomationNow())
    .catch((error: unknown) => console.error(`Automation could not be loaded: ${error instanceof Error ? error.message : String(error)}`));
}
