/**
 * Vite plugin: JSON Schemas compiled to plain validator modules at build time (ajv standalone),
 * so the browser validates without `new Function` and the CSP can forbid 'unsafe-eval'.
 * `import validate from 'virtual:ruleset-schema-validator'` → the ajv ValidateFunction.
 */
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const SCHEMAS: Record<string, string> = {
  'virtual:ruleset-schema-validator': fileURLToPath(new URL('../../rules/schema/ruleset.schema.json', import.meta.url)),
};

export function standaloneValidatorSource(schemaPath: string): string {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
  const validate = ajv.compile(schema);
  const code = standaloneCode(ajv, validate);
  // ajv's ESM output still require()s its runtime helpers: turn them into imports.
  const imports: string[] = [];
  const body = code.replace(/require\("(ajv\/dist\/runtime\/[a-z0-9]+)"\)\.default/g, (_, mod: string) => {
    const name = `__ajv_${imports.length}`;
    // CommonJS helper: Node hands over module.exports, bundlers may already unwrap .default.
    imports.push(`import ${name}_m from "${mod}.js";const ${name} = typeof ${name}_m === "function" ? ${name}_m : ${name}_m.default;`);
    return name;
  });
  return `${imports.join('')}${body.replace(/^"use strict";/, '')}`;
}

export function ajvStandalone(): Plugin {
  return {
    name: 'sop-ajv-standalone',
    resolveId(id) {
      return id in SCHEMAS ? `\0${id}` : undefined;
    },
    load(id) {
      if (!id.startsWith('\0')) return undefined;
      const path = SCHEMAS[id.slice(1)];
      if (!path) return undefined;
      this.addWatchFile(path);
      return standaloneValidatorSource(path);
    },
  };
}
