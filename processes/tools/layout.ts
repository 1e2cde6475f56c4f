/**
 * Diagram layout for a generated SOP: each lane a horizontal band (in the order the spec
 * lists them), each node in its own column in flow order, centred in its lane's band, and
 * every sequence flow drawn with orthogonal waypoints that never cross another shape:
 *
 * - forward, same lane, nothing in between: a straight line;
 * - forward to another lane: along the source lane to the gap before the target, then
 *   vertically (the gap between columns is empty), or vertically first when the source lane
 *   is blocked but the target lane is not; otherwise through the source lane's margin;
 * - backward (loops): out of the source's top/bottom into its lane's margin, back to the
 *   target's column (which holds only the target) and into the target from above/below.
 */
import type { LaneSpec } from '../specs/types.js';
import type { Graph, GraphFlow, GraphNode } from './graph.js';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  participant: Bounds;
  lanes: Map<string, Bounds>;
  shapes: Map<string, Bounds>;
  edges: Map<string, { waypoints: Point[]; label?: Bounds }>;
  /** nodes a flow leaves or enters through the top: their external label goes below, else above */
  topUsed: Set<string>;
}

const POOL_LABEL = 30;
const LANE_HEIGHT = 160;
const LEFT_PAD = 50;
const GAP = 55;
/** distance of loop channels from the lane edge, and between parallel channels */
const CHANNEL = 12;
const CHANNEL_STEP = 7;

function sizeOf(node: GraphNode): { width: number; height: number } {
  switch (node.kind) {
    case 'start':
    case 'end':
      return { width: 36, height: 36 };
    case 'decision':
    case 'merge':
      return { width: 50, height: 50 };
    default:
      return { width: 130, height: 90 };
  }
}

export function layout(lanes: LaneSpec[], graph: Graph): Layout {
  const origin = { x: 160, y: 80 };
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  const laneTop = (lane: string) => origin.y + (laneIndex.get(lane) ?? 0) * LANE_HEIGHT;

  const shapes = new Map<string, Bounds>();
  const column = new Map<string, number>();
  const laneOf = new Map<string, string>();
  let x = origin.x + POOL_LABEL + LEFT_PAD;
  graph.nodes.forEach((node, i) => {
    const { width, height } = sizeOf(node);
    const top = laneTop(node.lane);
    shapes.set(node.id, { x, y: top + Math.round((LANE_HEIGHT - height) / 2), width, height });
    column.set(node.id, i);
    laneOf.set(node.id, node.lane);
    x += width + GAP;
  });
  // A boundary event sits on its task's lower edge, towards the right; it shares the task's column.
  for (const b of graph.boundaries) {
    const t = shapes.get(b.attachedTo)!;
    shapes.set(b.id, { x: t.x + t.width - 36 - 12, y: t.y + t.height - 18, width: 36, height: 36 });
    column.set(b.id, column.get(b.attachedTo)!);
    laneOf.set(b.id, b.lane);
  }
  const width = x - origin.x + LEFT_PAD - GAP;
  const participant: Bounds = { x: origin.x, y: origin.y, width, height: lanes.length * LANE_HEIGHT };
  const laneBounds = new Map<string, Bounds>();
  for (const l of lanes) laneBounds.set(l.id, { x: origin.x + POOL_LABEL, y: laneTop(l.id), width: width - POOL_LABEL, height: LANE_HEIGHT });

  // Is there a shape of `lane` in a column strictly between a and b?
  const blocked = (lane: string, a: number, b: number) =>
    graph.nodes.some((n, i) => n.lane === lane && i > Math.min(a, b) && i < Math.max(a, b));

  const channelUse = new Map<string, number>();
  const channel = (lane: string, side: 'top' | 'bottom') => {
    const k = `${lane}:${side}`;
    const used = channelUse.get(k) ?? 0;
    channelUse.set(k, used + 1);
    const top = laneTop(lane);
    return side === 'top' ? top + CHANNEL + used * CHANNEL_STEP : top + LANE_HEIGHT - CHANNEL - used * CHANNEL_STEP;
  };

  const edges = new Map<string, { waypoints: Point[]; label?: Bounds }>();
  for (const flow of graph.flows) {
    const waypoints = route(flow);
    edges.set(flow.id, { waypoints, label: flow.name ? labelBounds(flow.name, waypoints) : undefined });
  }
  const topUsed = new Set<string>();
  for (const flow of graph.flows) {
    const wp = edges.get(flow.id)!.waypoints;
    if (wp[0].y === shapes.get(flow.from)!.y) topUsed.add(flow.from);
    if (wp[wp.length - 1].y === shapes.get(flow.to)!.y) topUsed.add(flow.to);
  }
  return { participant, lanes: laneBounds, shapes, edges, topUsed };

  function route(flow: GraphFlow): Point[] {
    const s = shapes.get(flow.from)!;
    const t = shapes.get(flow.to)!;
    const sl = laneOf.get(flow.from)!;
    const tl = laneOf.get(flow.to)!;
    const sc = column.get(flow.from)!;
    const tc = column.get(flow.to)!;
    const smid = { x: s.x + s.width / 2, y: s.y + s.height / 2 };
    const tmid = { x: t.x + t.width / 2, y: t.y + t.height / 2 };
    const sIdx = laneIndex.get(sl)!;
    const tIdx = laneIndex.get(tl)!;

    if (flow.boundary && tc > sc) {
      // Down out of the boundary into its lane's bottom margin, along it to the gap before the target.
      const gapX = t.x - Math.round(GAP / 2);
      const cy = channel(sl, 'bottom');
      return [{ x: smid.x, y: s.y + s.height }, { x: smid.x, y: cy }, { x: gapX, y: cy }, { x: gapX, y: tmid.y }, { x: t.x, y: tmid.y }];
    }
    if (tc > sc) {
      const gapX = t.x - Math.round(GAP / 2);
      // A decision's branch to the very next column leaves to the right; its other forward
      // branches leave from the top or bottom so that the two never share a segment.
      const side = graph.nodes[sc].kind === 'decision' && tc !== sc + 1;
      if (sl === tl) {
        if (!side && !blocked(sl, sc, tc)) return [{ x: s.x + s.width, y: smid.y }, { x: t.x, y: tmid.y }];
        const cy = channel(sl, side ? 'bottom' : 'top');
        return [{ x: smid.x, y: side ? s.y + s.height : s.y }, { x: smid.x, y: cy }, { x: gapX, y: cy }, { x: gapX, y: tmid.y }, { x: t.x, y: tmid.y }];
      }
      if (!side && !blocked(sl, sc, tc)) {
        return [{ x: s.x + s.width, y: smid.y }, { x: gapX, y: smid.y }, { x: gapX, y: tmid.y }, { x: t.x, y: tmid.y }];
      }
      if (!blocked(tl, sc, tc)) {
        return [{ x: smid.x, y: tIdx > sIdx ? s.y + s.height : s.y }, { x: smid.x, y: tmid.y }, { x: t.x, y: tmid.y }];
      }
      const down = tIdx > sIdx;
      const cy = channel(sl, down ? 'bottom' : 'top');
      return [
        { x: smid.x, y: down ? s.y + s.height : s.y },
        { x: smid.x, y: cy },
        { x: gapX, y: cy },
        { x: gapX, y: tmid.y },
        { x: t.x, y: tmid.y },
      ];
    }

    // Backward: a loop.
    const down = tIdx > sIdx;
    const up = tIdx < sIdx;
    const side: 'top' | 'bottom' = up ? 'top' : 'bottom';
    const cy = channel(sl, side);
    const from = { x: smid.x, y: side === 'top' ? s.y : s.y + s.height };
    const into = { x: tmid.x, y: up ? t.y + t.height : down ? t.y : t.y + t.height };
    return [from, { x: smid.x, y: cy }, { x: tmid.x, y: cy }, into];
  }
}

/** A flow's label sits just after its first bend (or its start), above the line. */
function labelBounds(name: string, wp: Point[]): Bounds {
  const width = Math.min(110, Math.max(40, name.length * 7 + 10));
  const a = wp[0];
  const b = wp[1] ?? wp[0];
  if (a.y === b.y) return { x: Math.round(a.x + 6), y: Math.round(a.y - 20), width, height: 14 };
  return { x: Math.round(a.x + 5), y: Math.round((a.y + b.y) / 2 - 7), width, height: 14 };
}
