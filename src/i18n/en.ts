/**
 * The English UI catalogue: the source of every UI string and of the key set. `zh-CN.ts` is typed as
 * `Messages`, so a key missing there is a type error; catalogue.test.ts also fails on empty strings
 * and on placeholders (`{name}`) that differ between languages. Runner/domain error messages are not
 * here: they stay English for scripts.
 */
export const en = {
  'app.skipLink': 'Skip to the notebook',
  'app.notebookTitle': 'Notebook title',
  'app.addNote': '+ Add note here',
  'app.footer': 'Your data stays in this browser tab. Nothing is uploaded.',
  'app.language': 'Language',
  'app.theme': 'Theme',
  'app.theme.system': 'System',
  'app.theme.light': 'Light',
  'app.theme.dark': 'Dark',
  'app.updateReady': 'A new version is ready.',
  'app.reloadToUpdate': 'Reload to update',

  'backend.checking': 'checking…',
  'backend.checkingTitle': 'Checking which backends this browser offers',
  'backend.auto': 'Auto',
  'backend.webgpuAvailable': 'WebGPU available',
  'backend.noWebgpu': 'no WebGPU',
  'backend.chosen': '{backend} (chosen)',
  'backend.decidedAtStart': 'The backend is decided when training starts.',
  'backend.label': 'Backend: {text}',
  'backend.aria': 'Compute backend: {text}. {title}',
  'backend.multiThreaded': 'multi-threaded',
  'backend.singleThreaded': 'single-threaded',
  'backend.threadsOn': 'WASM runs multi-threaded: this page is cross-origin isolated.',
  'backend.threads.no-service-worker': 'WASM runs single-threaded: the host sends no COOP/COEP headers and this browser has no service worker to add them.',
  'backend.threads.insecure-context': 'WASM runs single-threaded: the page is not served over HTTPS (or localhost), so neither headers nor a service worker can isolate it.',
  'backend.threads.reload-needed': 'WASM runs single-threaded until the next reload: the service worker that adds COOP/COEP arrived after you started working.',
  'backend.threads.isolation-refused': 'WASM runs single-threaded: even through the service worker this browser did not isolate the page (COOP/COEP).',
  'backend.threads.registration-failed': 'WASM runs single-threaded: the host sends no COOP/COEP headers and the service worker that adds them could not be registered.',
  'backend.threads.unknown': 'WASM runs single-threaded: this page is not cross-origin isolated (no COOP/COEP headers).',
  'backend.fallbackNotice': 'WebGPU is unavailable: {reason}. Training falls back to',
  'backend.fallbackAny': 'WebGL, WASM or CPU (the fastest that works here)',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = { readonly [K in MessageKey]: string };
