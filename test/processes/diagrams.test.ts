/**
 * Every model of the library opens cleanly in bpmn-js (the studio's modeler) in a real
 * Chromium: no import warnings, every flow node and flow drawn, lanes stacked without gaps,
 * no two shapes overlapping, and a screenshot-sized canvas that fits. One page, all files.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROCESSES = path.join(ROOT, 'processes');
const files = (await fs.readdir(PROCESSES)).filter((f) => f.endsWith('.bpmn')).sort();
const sop: unknown = JSON.parse(await fs.readFile(path.join(ROOT, 'runtime/moddle/sop.json'), 'utf8'));

interface Opened {
  warnings: string[];
  shapes: Array<{ id: string; type: string; x: number; y: number; width: number; height: number }>;
  connections: Array<{ id: string; waypoints: number }>;
  semanticFlowNodes: number;
  semanticFlows: number;
}

describe('the library in bpmn-js', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.setContent('<html><body><div id="canvas" style="width:1600px;height:1000px"></div></body></html>');
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules/bpmn-js/dist/bpmn-modeler.production.min.js') });
  });
  afterAll(async () => browser?.close());

  it.each(files)('%s imports without warnings, every element drawn, nothing overlapping', async (file) => {
    const xml = await fs.readFile(path.join(PROCESSES, file), 'utf8');
    const opened: Opened = await page.evaluate(async ({ source, sop }) => {
      type Shape = { id: string; type: string; x: number; y: number; width: number; height: number; labelTarget?: unknown; waypoints?: unknown[] };
      const w = window as unknown as { BpmnJS: new (o: { container: string; moddleExtensions: object }) => unknown; modeler?: { destroy(): void } };
      w.modeler?.destroy();
      // With the studio's `sop` extension, so its attributes are read as typed properties.
      const modeler = new w.BpmnJS({ container: '#canvas', moddleExtensions: { sop: sop as object } }) as {
        importXML(x: string): Promise<{ warnings: Array<{ message: string }> }>;
        get(name: 'elementRegistry'): { getAll(): Shape[] };
        get(name: 'canvas'): { getRootElement(): { businessObject: { participants?: Array<{ processRef: { flowElements: Array<{ $type: string }> } }> } } };
        destroy(): void;
      };
      w.modeler = modeler;
      const { warnings } = await modeler.importXML(source);
      const all = modeler.get('elementRegistry').getAll();
      const shapes = all.filter((e) => !e.waypoints && !e.labelTarget && e.type !== 'bpmn:Collaboration' && e.type !== 'label');
      const connections = all.filter((e) => e.waypoints).map((e) => ({ id: e.id, waypoints: (e.waypoints ?? []).length }));
      const flowElements = modeler.get('canvas').getRootElement().businessObject.participants?.[0].processRef.flowElements ?? [];
      return {
        warnings: warnings.map((x) => x.message),
        shapes: shapes.map((s) => ({ id: s.id, type: s.type, x: s.x, y: s.y, width: s.width, height: s.height })),
        connections,
        semanticFlowNodes: flowElements.filter((e) => e.$type !== 'bpmn:SequenceFlow').length,
        semanticFlows: flowElements.filter((e) => e.$type === 'bpmn:SequenceFlow').length,
      };
    }, { source: xml, sop });

    expect(opened.warnings).toEqual([]);
    const nodes = opened.shapes.filter((s) => s.type !== 'bpmn:Participant' && s.type !== 'bpmn:Lane');
    expect(nodes).toHaveLength(opened.semanticFlowNodes);
    expect(opened.connections).toHaveLength(opened.semanticFlows);
    expect(opened.connections.every((c) => c.waypoints >= 2)).toBe(true);

    // Lanes: stacked bands inside the pool, each node inside its band.
    const pool = opened.shapes.find((s) => s.type === 'bpmn:Participant')!;
    const lanes = opened.shapes.filter((s) => s.type === 'bpmn:Lane').sort((a, b) => a.y - b.y);
    expect(lanes[0].y).toBe(pool.y);
    for (let i = 1; i < lanes.length; i++) expect(lanes[i].y).toBe(lanes[i - 1].y + lanes[i - 1].height);
    for (const n of nodes) {
      expect(n.x >= pool.x && n.x + n.width <= pool.x + pool.width, `${n.id} inside the pool`).toBe(true);
      expect(lanes.some((l) => n.y >= l.y && n.y + n.height <= l.y + l.height), `${n.id} inside one lane`).toBe(true);
    }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i];
        const b = nodes[j];
        // A boundary event sits on its own activity's edge (the generator names it Boundary_<activity>).
        if (a.id === `Boundary_${b.id}` || b.id === `Boundary_${a.id}`) continue;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `${a.id} and ${b.id} overlap`).toBe(false);
      }
    }
  });

  it('draws a readable diagram (screenshot of SOP 02 for the README)', async () => {
    const xml = await fs.readFile(path.join(PROCESSES, 'samsat-02-pengesahan-tahunan.bpmn'), 'utf8');
    await page.evaluate(async (source) => {
      const w = window as unknown as { modeler: { importXML(x: string): Promise<unknown>; get(n: string): { zoom(v: string): void } } };
      await w.modeler.importXML(source);
      w.modeler.get('canvas').zoom('fit-viewport');
    }, xml);
    const png = await page.screenshot();
    expect(png.byteLength).toBeGreaterThan(10_000);
  });
});
