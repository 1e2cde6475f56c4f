import { readFileSync, writeFileSync } from 'node:fs';
import { readSopGraph } from './server/documents/sop-graph.js';
import { flattenSop } from './server/documents/sop-rows.js';
import { sopDocumentPdf, sopDocumentHtml } from './server/documents/sop-document.js';
for (const k of process.argv.slice(2)) {
  const g = await readSopGraph(readFileSync(`processes/${k}.bpmn`, 'utf8'));
  const t = flattenSop(g);
  const d = { key: k, title: g.name, publication: { n: 1, effectiveFrom: '2026-01-05', publishedAt: new Date('2026-01-05T00:00:00Z') }, office: { name: 'Kecamatan Kaloran', address: 'Jl. Raya Kaloran' }, identity: { number: '503/01/SOP/2026', dasarHukum: 'UU 25/2009\nPerda 12/2012' }, related: [], table: t };
  writeFileSync(`/tmp/${k}.pdf`, await sopDocumentPdf(d as any));
  writeFileSync(`/tmp/${k}.html`, sopDocumentHtml(d as any, { pdfHref: 'x' }));
}
