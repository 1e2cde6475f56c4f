import { validateModel } from '../../runtime/validate.js';
import { registerContentValidator } from './content-validation.js';

/**
 * Runtime checks on process models. At publish, anything the runtime cannot execute refuses
 * the publication (naming the element); on a draft the same findings are only warnings, so
 * work in progress can be saved. A model marked perlu-verifikasi is never published anyway.
 */
registerContentValidator('process', {
  async validate(content, ctx) {
    const report = await validateModel(content, { processKey: ctx.key });
    const toIssue = (i: { code: string; message: string; element?: string }) => ({ code: i.code, message: i.message, ...(i.element ? { element: i.element } : {}) });
    if (ctx.phase === 'publish') return { errors: report.errors.map(toIssue), warnings: report.warnings.map(toIssue) };
    return { errors: [], warnings: [...report.errors, ...report.warnings].map(toIssue) };
  },
});
