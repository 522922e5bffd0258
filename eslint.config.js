// ESLint flat config: typescript-eslint's recommended rules, the layer boundaries of ARCHITECTURE.md,
// and a few habits (no spreading data-sized arrays into calls). `npm run lint`; part of `npm test`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Plain-TypeScript stage folders: they never import the page (ui, store), the worker or the automation glue. */
export const DOMAIN_FOLDERS = ['data', 'preprocess', 'models', 'train', 'evaluate', 'predict', 'export', 'notebook', 'revenue', 'search', 'text'];

const TS_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts'];
const JS_FILES = ['**/*.js', '**/*.mjs'];

/** `from '../ui/App'`, `from '../../store/studio-store'`: a path segment naming one of `folders`. */
const folderImport = (folders, message) => ({ regex: `(^|/)(${folders.join('|')})(/|$)`, message });
const UI_LIBRARIES = { regex: '^(react|react-dom|zustand|recharts)(/|$)', message: 'Only src/ui and src/store use React and zustand; domain code is plain TypeScript.' };
const TFJS = { regex: '^@tensorflow/', message: 'The page never loads TensorFlow.js: ask the worker (src/workers) or use src/runtime/backends for what the page may know.' };

/** Layer rules, one entry per folder; each entry is complete (flat config replaces, never merges, a rule's options). */
const boundaries = [
  ...DOMAIN_FOLDERS.map((folder) => ({
    folder,
    patterns: [
      folderImport(
        ['ui', 'store', 'workers', 'automation'],
        `src/${folder} is domain code: it never imports ui/, store/, workers/ or automation/. Move the shared piece down (src/lib or the stage folder) and let the outer layer call it.`,
      ),
      UI_LIBRARIES,
    ],
  })),
  {
    folder: 'runtime',
    patterns: [folderImport(['ui', 'store', 'workers', 'automation'], 'src/runtime (TF.js start-up, backends, kernel patches) never imports ui/, store/, workers/ or automation/.'), UI_LIBRARIES],
  },
  {
    folder: 'lib',
    patterns: [{ regex: '^\\.\\./', message: 'src/lib holds app-wide helpers with no dependencies on other src folders.' }, UI_LIBRARIES, TFJS],
  },
  {
    folder: 'ui',
    patterns: [
      TFJS,
      folderImport(['handlers'], 'UI components talk to the worker through the store, never to its handlers.'),
      { regex: '(^|/)runtime/(?!backends$)', message: 'UI may read backend descriptions (runtime/backends) but never loads the TF.js runtime or its kernels.' },
      { regex: '(^|/)studio\\.worker', message: 'The worker is started by the store (src/store/worker-access.ts), not by components.' },
    ],
  },
  {
    folder: 'store',
    patterns: [
      TFJS,
      folderImport(['ui'], 'The store never imports components; components read the store.'),
      folderImport(['handlers'], 'The store calls the worker through its client, never its handlers.'),
    ],
  },
  {
    folder: 'workers',
    patterns: [folderImport(['ui', 'store', 'automation'], 'The worker never imports the page (ui/, store/, automation/).'), UI_LIBRARIES],
  },
  {
    folder: 'automation',
    patterns: [TFJS, folderImport(['ui'], 'Automation drives the store, never components.')],
  },
];

/** Spreading an array into a call copies it onto the stack: fine for 3 values, a RangeError for 200,000. */
const NO_SPREAD_INTO_CALLS = [
  {
    selector: 'CallExpression[callee.property.name=/^(push|unshift)$/] > SpreadElement',
    message: 'Do not spread into push/unshift (stack overflow on data-sized arrays): use a loop, concat, or a preallocated typed array.',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
    message: 'Do not spread into Math.max/min (stack overflow on data-sized arrays): use a loop or reduce.',
  },
  {
    selector: "CallExpression[callee.property.name='fromCharCode'] > SpreadElement",
    message: 'Do not spread into String.fromCharCode (stack overflow on large buffers): convert in chunks.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/out/**', '.tau-cache/**', '.gl/**', '.gpu/**', 'public/**'] },
  js.configs.recommended,
  // typescript-eslint's rules for TypeScript files only (its base config also switches off core rules TS covers).
  ...tseslint.configs.recommended.map((config) => ({ files: TS_FILES, ...config })),
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.browser, ...globals.worker, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-syntax': ['error', ...NO_SPREAD_INTO_CALLS],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'prefer-const': 'error',
    },
  },
  {
    files: TS_FILES,
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'all', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: JS_FILES,
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'all', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  ...boundaries.map(({ folder, patterns }) => ({
    files: [`src/${folder}/**/*.{ts,tsx,mts,js,mjs}`],
    rules: { 'no-restricted-imports': /** @type {['error', { patterns: typeof patterns }]} */ (['error', { patterns }]) },
  })),
);
