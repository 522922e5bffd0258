import { afterEach, describe, expect, it } from 'vitest';
import { automationRequested } from './install';

// Issue 13: window.tauStudio reaches every feature, so it exists only when a driver asks for it.
const globals = globalThis as unknown as { window?: unknown };
const hadWindow = 'window' in globals;
const navigatorDescriptor = Object.getOwnPropertyDescriptor(globalThis, 'navigator');

function page(webdriver: boolean | undefined, flag?: unknown) {
  globals.window = flag === undefined ? {} : { __tauAutomation: flag };
  Object.defineProperty(globalThis, 'navigator', { value: webdriver === undefined ? {} : { webdriver }, configurable: true });
}

afterEach(() => {
  if (!hadWindow) delete globals.window;
  if (navigatorDescriptor) Object.defineProperty(globalThis, 'navigator', navigatorDescriptor);
  else delete (globalThis as { navigator?: unknown }).navigator;
});

describe('the automation handle is requested only by a driver', () => {
  it('a person’s normal browser (navigator.webdriver false or absent, no flag) gets no handle', () => {
    page(false);
    expect(automationRequested()).toBe(false);
    page(undefined);
    expect(automationRequested()).toBe(false);
    // Only the exact value true counts (a link or a note cannot set a page global anyway).
    page(false, 'true');
    expect(automationRequested()).toBe(false);
  });

  it('a browser under automation, or the runner’s init-script flag, gets it', () => {
    page(true);
    expect(automationRequested()).toBe(true);
    page(false, true);
    expect(automationRequested()).toBe(true);
  });
});
