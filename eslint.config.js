// ESLint for the whole repository (`npm run lint`, also run by .ci/run): typescript-eslint's
// type-checked rules over the TypeScript sources, and the import boundaries between the top
// folders that each folder's README states.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const OURS = ['core', 'contracts', 'rules', 'runtime', 'server', 'studio', 'processes', 'test', 'types'];

/**
 * What each top folder may not import, as regular expressions over the part of an import path
 * below the repository's root (`server/db/index.js`). Relative imports are resolved by depth
 * below (see `boundaryBlocks`), so a sub-folder named like a top folder (studio/modeler/lint/rules)
 * is not mistaken for it.
 */
const FORBIDDEN = {
  // core/README.md: nothing of ours.
  core: [{ target: `(?:${OURS.filter((f) => f !== 'core').join('|')})(?:/|$)`, why: 'core/ imports nothing of ours (core/README.md)' }],
  // contracts/README.md: TypeBox and nothing of ours.
  contracts: [{ target: `(?:${OURS.filter((f) => f !== 'contracts').join('|')})(?:/|$)`, why: 'contracts/ imports nothing of ours (contracts/README.md)' }],
  // rules/README.md: core/ only.
  rules: [{ target: '(?:contracts|runtime|server|studio|processes|test|types)(?:/|$)', why: 'rules/ imports only core/ (rules/README.md)' }],
  // runtime/README.md: core/, and rules/ only through the evaluator port.
  runtime: [
    { target: '(?:contracts|server|studio|processes|test|types)(?:/|$)', why: 'runtime/ never imports server/ or studio/ (runtime/README.md)' },
    { target: 'rules/(?!port\\.js$)', why: 'runtime/ reaches rules/ only through rules/port.ts (runtime/README.md)' },
  ],
  // server/README.md: runtime/, rules/, core/, contracts/ and the DOM-free lint rules of the studio.
  server: [
    { target: '(?:processes|test|types)(?:/|$)', why: 'server/ reads processes/ as files, never imports it or test/ (server/README.md)' },
    { target: 'studio/(?!modeler/lint/)', why: 'server/ imports nothing of studio/ but studio/modeler/lint/ (server/README.md)' },
  ],
  // studio/README.md: core/, contracts/ (types), the sop moddle descriptor, rules/schema/ and the library's DOM-free generator.
  studio: [
    { target: '(?:server|test|types)(?:/|$)', why: 'studio/ never imports server/ (studio/README.md): the API is reached over HTTP' },
    { target: 'processes/(?!specs/types\\.js$|tools/(?:bpmn-xml|requirements)\\.js$)', why: 'studio/ imports of processes/ only the generator the SOP-table import shares with the library (studio/README.md)' },
    { target: 'runtime/(?!moddle/sop\\.json$)', why: 'studio/ imports no runtime/ code, only runtime/moddle/sop.json (studio/README.md)' },
    { target: 'rules/(?!schema/)', why: 'studio/ imports only rules/schema/ of rules/ (studio/README.md)' },
  ],
  // processes/README.md: core/duration.ts (tools only).
  processes: [
    { target: '(?:contracts|rules|runtime|server|studio|test|types)(?:/|$)', why: 'processes/ imports only core/duration.ts (processes/README.md)' },
    { target: 'core/(?!duration\\.js$)', why: 'processes/ imports only core/duration.ts (processes/README.md)' },
  ],
};

/** Packages of HTTP, SQL or the DOM, which the pure folders know nothing of. */
const SERVER_AND_UI_PACKAGES = ['fastify', 'fastify-plugin', '@fastify/*', 'kysely', 'pg', '@electric-sql/pglite', 'react', 'react-dom', '@mui/*', 'bpmn-js', 'bpmn-js/*', 'diagram-js', 'diagram-js/*'];
const PACKAGES = {
  core: SERVER_AND_UI_PACKAGES,
  contracts: SERVER_AND_UI_PACKAGES,
  rules: SERVER_AND_UI_PACKAGES,
  runtime: SERVER_AND_UI_PACKAGES,
  studio: ['fastify', 'fastify-plugin', '@fastify/*', 'kysely', 'pg', '@electric-sql/pglite'],
};
// The server runs studio/modeler/lint/ on publish: it stays free of React and the DOM.
const LINT_PACKAGES = ['react', 'react-dom', '@mui/*', 'bpmn-js', 'bpmn-js/*', 'diagram-js', 'diagram-js/*'];

/** One config block per folder and depth: `depth` `../` lead from a file there to the root. */
function boundaryBlocks(folder, subfolder, extraPackages = []) {
  const blocks = [];
  for (let depth = 1 + subfolder.split('/').filter(Boolean).length; depth <= 6; depth++) {
    const up = `^(?:\\.\\./){${depth}}`;
    const below = '*/'.repeat(depth - 1 - subfolder.split('/').filter(Boolean).length);
    blocks.push({
      files: [`${folder}/${subfolder}${below}*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [
            ...FORBIDDEN[folder].map(({ target, why }) => ({ regex: `${up}${target}`, message: why })),
            ...[...(PACKAGES[folder] ?? []), ...extraPackages].map((p) => ({ group: [p], message: `${folder}/${subfolder} does not use ${p} (see its README)` })),
          ],
        }],
      },
    });
  }
  return blocks;
}

export default tseslint.config(
  { ignores: ['node_modules/', 'studio/dist/', 'data/', 'audit/', 'coverage/', 'test-results/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false, fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true,
      }],
      // react-router's navigate() returns a promise only under a data router, which the studio has not.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'react-router', name: 'NavigateFunction' }] }],
      // React event handlers may be async (they catch their own errors); elsewhere promises are checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // A caught `unknown` passed on unchanged is the original error, whatever it is.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `never` is what an exhaustive switch's default case prints.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNever: true }],
      // Off: 295 assertions in 73 files, harmless; removing them would touch files others edit.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // Off: fastify handlers and store ports are async by contract, with or without an await.
      '@typescript-eslint/require-await': 'off',
      // Off: bpmn-js services and moddle getters are passed as methods by design (50 places).
      '@typescript-eslint/unbound-method': 'off',
      // Off: moddle attributes and JSON values are stringified on purpose after a typeof check
      // elsewhere; 39 places, most in screens others are rewriting (issue 22 point 5).
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['studio/**/*.tsx', 'studio/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    // Only the two classic rules: the React Compiler ones would ask for rewritten effects.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests read untyped JSON answers and drive real libraries: `any` is the honest type there.
    files: ['test/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Migrations take `Kysely<any>` on purpose (kysely's advice: a migration must not follow
    // today's table types), and existing migrations are never edited.
    files: ['server/db/migrations/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...['core', 'contracts', 'rules', 'runtime', 'server', 'studio', 'processes'].flatMap((folder) => boundaryBlocks(folder, '')),
  ...boundaryBlocks('studio', 'modeler/lint/', LINT_PACKAGES),
);
