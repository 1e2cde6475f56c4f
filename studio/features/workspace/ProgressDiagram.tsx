/**
 * The instance's diagram (bpmn-js NavigatedViewer): done steps green, current steps orange, pending
 * plain. It opens on the current step at full size with its neighbours around it (a whole SOP fitted
 * into a side column is too small to read, issue 23); buttons zoom, show the whole diagram, or go
 * back to the current step. Drag to pan, as in the viewer.
 */
import { Box, Button, ButtonGroup } from '@mui/material';
import { useT } from '../../i18n/index.js';
import type { Bounds, Canvas, ElementRegistry } from '../../modeler/services.js';
import { useDiagram } from '../../modeler/useDiagram.js';
import './progress.css';

/** Full size, centred on the current steps: they and their neighbours readable. */
function focusCurrent(canvas: Canvas, registry: ElementRegistry, current: string[]): void {
  const shapes = current.map((id) => registry.get(id)).filter((s): s is Bounds & NonNullable<typeof s> => !!s && typeof s.width === 'number');
  if (shapes.length === 0) {
    canvas.zoom('fit-viewport');
    return;
  }
  const cx = shapes.reduce((s, e) => s + e.x + e.width / 2, 0) / shapes.length;
  const cy = shapes.reduce((s, e) => s + e.y + e.height / 2, 0) / shapes.length;
  const { width, height } = canvas.getSize();
  canvas.viewbox({ x: cx - width / 2, y: cy - height / 2, width, height });
}

export function ProgressDiagram({ xml, done, current, height = 320, label }: { xml: string; done: string[]; current: string[]; height?: number; label: string }) {
  const t = useT();
  const { container: ref, view } = useDiagram(xml, { 'ws-done': done, 'ws-current': current }, ({ canvas, registry }) => focusCurrent(canvas, registry, current));
  const zoomBy = (f: number) => {
    const c = view.current?.canvas;
    if (c) c.zoom(Math.min(4, Math.max(0.2, c.zoom() * f)));
  };
  return (
    <Box>
      <ButtonGroup size="small" variant="outlined" sx={{ mb: 0.5, flexWrap: 'wrap' }} aria-label={t('ws.diagram.controls')}>
        <Button onClick={() => view.current && focusCurrent(view.current.canvas, view.current.registry, current)} data-testid="diagram-current">{t('ws.diagram.current')}</Button>
        <Button onClick={() => view.current?.canvas.zoom('fit-viewport')} data-testid="diagram-fit">{t('ws.diagram.fit')}</Button>
        <Button onClick={() => zoomBy(1.25)} aria-label={t('ws.diagram.zoomIn')}>+</Button>
        <Button onClick={() => zoomBy(0.8)} aria-label={t('ws.diagram.zoomOut')}>−</Button>
      </ButtonGroup>
      <Box ref={ref} sx={{ height, border: '1px solid', borderColor: 'divider', bgcolor: '#fff' }} data-testid="progress-diagram" aria-label={label} />
    </Box>
  );
}
