import { timerStartOffices } from '../../../runtime/timer-start.js';
import { validateModel } from '../../../runtime/validate.js';
import { schemaProblems } from '../../../core/safe-schema.js';
import { resolveForm } from '../../../runtime/forms.js';
import type { ContentValidator } from '../store/content-validation.js';

/**
 * Runtime checks on process models. At publish, anything the runtime cannot execute refuses
 * the publication (naming the element); on a draft the same findings are only warnings, so
 * work in progress can be saved. A model marked perlu-verifikasi is never published anyway.
 */
export const processModelValidator: ContentValidator = {
  async validate(content, ctx) {
    const report = await validateModel(content, { processKey: ctx.key });
    // The runtime is pure and knows no catalogue: the offices a timer start names are checked here.
    for (const id of report.model?.timerStarts ?? []) {
      const node = report.model!.nodes[id];
      const offices = timerStartOffices(node.office) ?? [];
      if (offices.length === 0) continue;
      const known = new Set((await ctx.db.selectFrom('offices').select('key').where('key', 'in', offices).execute()).map((o) => o.key));
      const unknown = offices.filter((o) => !known.has(o));
      if (unknown.length > 0) {
        report.errors.push({ code: 'TIMER_START_OFFICE_UNKNOWN', element: id, message: `Timer start event "${node.name}" menyebut kantor yang tidak dikenal: ${unknown.join(', ')}` });
      }
    }
    // A call activity must name a process that is already published (or this one, calling itself):
    // otherwise it would be accepted now and fail with PROCESS_NOT_PUBLISHED when a token reaches it.
    const calls = Object.values(report.model?.nodes ?? {}).filter((n) => n.kind === 'callActivity' && n.calledElement !== undefined && n.calledElement !== ctx.key);
    if (calls.length > 0) {
      const keys = [...new Set(calls.map((n) => n.calledElement as string))];
      const published = new Set(
        (await ctx.db.selectFrom('publications').select('key').distinct().where('kind', '=', 'process').where('key', 'in', keys).execute()).map((p) => p.key),
      );
      for (const n of calls) {
        if (published.has(n.calledElement as string) || report.errors.some((e) => e.element === n.id && e.code === 'CALLED_ELEMENT_INVALID')) continue;
        report.errors.push({ code: 'CALLED_ELEMENT_UNPUBLISHED', element: n.id, message: `Call activity "${n.name}" memanggil "${n.calledElement}", yang bukan proses yang sudah diterbitkan` });
      }
    }
    // Form schemas: the same JSON-Schema subset and linear-time patterns as fact schemas.
    for (const [id, node] of Object.entries(report.model?.nodes ?? {})) {
      if (!node.form) continue;
      const form = await resolveForm(node.form, undefined).catch(() => undefined);
      if (!form) continue;
      for (const p of schemaProblems(form.schema, '/schema')) {
        report.errors.push({ code: p.code, element: id, message: `Formulir "${node.name ?? id}": ${p.message} (${p.path})` });
      }
    }
    const toIssue = (i: { code: string; message: string; element?: string }) => ({ code: i.code, message: i.message, ...(i.element ? { element: i.element } : {}) });
    if (ctx.phase === 'publish') return { errors: report.errors.map(toIssue), warnings: report.warnings.map(toIssue) };
    return { errors: [], warnings: [...report.errors, ...report.warnings].map(toIssue) };
  },
};
