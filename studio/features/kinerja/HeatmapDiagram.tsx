/**
 * The published BPMN in the NavigatedViewer with each task coloured by its breach rate (or its
 * p90 time in step against its sop:duration) and a count on each flow. Clicking a task selects it.
 */
import { Box } from '@mui/material';
import { useEffect, useRef } from 'react';
import type { Heatmap, HeatTask } from '../../api/cockpit.js';
import type { DiagramElement } from '../../modeler/services.js';
import { createViewer } from '../../modeler/viewer.js';
import './kinerja.css';

export type HeatMeasure = 'breach' | 'p90';

/** ok / warn / bad for a task under the chosen measure; undefined when there is nothing to judge. */
function heatLevel(t: HeatTask, measure: HeatMeasure): 'ok' | 'warn' | 'bad' | undefined {
  if (measure === 'breach') {
    if (t.breachRate === null) return undefined;
    return t.breachRate >= 0.25 ? 'bad' : t.breachRate > 0 ? 'warn' : 'ok';
  }
  if (t.p90Seconds === null || !t.slaSeconds) return undefined;
  const r = t.p90Seconds / t.slaSeconds;
  return r > 1 ? 'bad' : r > 0.8 ? 'warn' : 'ok';
}

const minutes = (s: number | null) => (s === null ? '–' : s < 3600 ? `${Math.round(s / 60)}m` : `${(s / 3600).toFixed(1)}j`);

export function HeatmapDiagram(props: { xml: string; heat: Heatmap; measure: HeatMeasure; label: string; onSelect(elementId: string): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const select = useRef(props.onSelect);
  select.current = props.onSelect;
  useEffect(() => {
    const viewer = createViewer(ref.current!);
    let alive = true;
    viewer.importXML(props.xml).then(() => {
      if (!alive) return;
      const canvas = viewer.get('canvas');
      const registry = viewer.get('elementRegistry');
      const overlays = viewer.get('overlays');
      canvas.zoom('fit-viewport');
      for (const t of props.heat.tasks) {
        if (!registry.get(t.elementId)) continue;
        const level = heatLevel(t, props.measure);
        if (level) canvas.addMarker(t.elementId, `kinerja-${level}`);
        const badge = document.createElement('div');
        badge.className = 'kinerja-badge';
        badge.dataset.element = t.elementId;
        badge.dataset.level = level ?? 'none';
        badge.textContent = props.measure === 'breach' ? `${t.breachRate === null ? '–' : Math.round(t.breachRate * 100)}% · ${t.completed}` : `p90 ${minutes(t.p90Seconds)} / ${minutes(t.slaSeconds)}`;
        overlays.add(t.elementId, { position: { top: -18, left: 0 }, html: badge });
      }
      for (const f of props.heat.flows) {
        const shape = registry.get(f.flowId);
        if (!shape?.waypoints || shape.waypoints.length < 2 || f.n === 0) continue;
        // At the middle of the flow's middle segment, relative to the flow's bounding box.
        const i = Math.floor((shape.waypoints.length - 1) / 2);
        const [a, b] = [shape.waypoints[i], shape.waypoints[i + 1]];
        const minX = Math.min(...shape.waypoints.map((w) => w.x));
        const minY = Math.min(...shape.waypoints.map((w) => w.y));
        const pill = document.createElement('div');
        pill.className = 'kinerja-flow';
        pill.dataset.flow = f.flowId;
        pill.textContent = String(f.n);
        overlays.add(f.flowId, { position: { left: (a.x + b.x) / 2 - minX - 8, top: (a.y + b.y) / 2 - minY - 8 }, html: pill });
      }
      viewer.get('eventBus').on<{ element: DiagramElement }>('element.click', (e) => {
        if (props.heat.tasks.some((t) => t.elementId === e.element.id)) select.current(e.element.id);
      });
    }, () => undefined);
    return () => {
      alive = false;
      viewer.destroy();
    };
  }, [props.xml, props.heat, props.measure]);
  return <Box ref={ref} sx={{ height: { xs: 320, md: 460 }, border: '1px solid', borderColor: 'divider', bgcolor: '#fff' }} data-testid="kinerja-diagram" aria-label={props.label} />;
}
