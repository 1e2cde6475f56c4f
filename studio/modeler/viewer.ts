/**
 * A read-only diagram (bpmn-js NavigatedViewer: pan and zoom) that knows the `sop` extension,
 * its services typed (services.ts). Used by the version compare, the task's progress and the
 * managers' heatmap.
 */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import sopDescriptor from '../../runtime/moddle/sop.json';
import type { ViewerServices } from './services.js';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';

export type Viewer = NavigatedViewer<ViewerServices>;

export function createViewer(container: HTMLElement): Viewer {
  return new NavigatedViewer<ViewerServices>({ container, moddleExtensions: { sop: sopDescriptor } });
}
