/** The instance's diagram (bpmn-js NavigatedViewer): done steps green, current steps orange, pending plain. */
import { Box } from '@mui/material';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef } from 'react';
import sopDescriptor from '../../../runtime/moddle/sop.json';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import './progress.css';

interface Canvas { addMarker(id: string, marker: string): void; zoom(level: string): void }
interface Registry { get(id: string): unknown }

export function ProgressDiagram({ xml, done, current, height = 320, label }: { xml: string; done: string[]; current: string[]; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = `${done.join(',')}|${current.join(',')}`;
  useEffect(() => {
    const viewer = new NavigatedViewer({ container: ref.current!, moddleExtensions: { sop: sopDescriptor } });
    let alive = true;
    viewer.importXML(xml).then(() => {
      if (!alive) return;
      const canvas = viewer.get('canvas') as Canvas;
      const registry = viewer.get('elementRegistry') as Registry;
      canvas.zoom('fit-viewport');
      for (const id of done) if (registry.get(id)) canvas.addMarker(id, 'ws-done');
      for (const id of current) if (registry.get(id)) canvas.addMarker(id, 'ws-current');
    }, () => undefined);
    return () => {
      alive = false;
      viewer.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [xml, key]);
  return <Box ref={ref} sx={{ height, border: '1px solid', borderColor: 'divider', bgcolor: '#fff' }} data-testid="progress-diagram" aria-label={label} />;
}
