import { describe, expect, it } from 'vitest';
import { viewboxBesidePalette } from '../../studio/modeler/fit-beside-palette.js';

/** Where a diagram point lands on the screen for a viewbox. */
const onScreen = (vb: { x: number; y: number; width: number }, canvasWidth: number, p: { x: number; y: number }) => ({ x: (p.x - vb.x) * (canvasWidth / vb.width), y: (p.y - vb.y) * (canvasWidth / vb.width) });

describe('a loaded diagram beside the palette', () => {
  const canvas = { width: 1000, height: 600 };
  const palette = 60;

  it('puts the pool\'s left edge (the lane names) right of the palette and the whole diagram in view', () => {
    const diagram = { x: 160, y: 80, width: 2400, height: 800 };
    const vb = viewboxBesidePalette(diagram, canvas, palette);
    const left = onScreen(vb, canvas.width, diagram);
    const right = onScreen(vb, canvas.width, { x: diagram.x + diagram.width, y: diagram.y + diagram.height });
    expect(left.x).toBeGreaterThanOrEqual(palette);
    // room for the context pad of the rightmost shape
    expect(right.x).toBeLessThanOrEqual(canvas.width - 80);
    expect(left.y).toBeGreaterThanOrEqual(0);
    expect(right.y).toBeLessThanOrEqual(canvas.height);
  });

  it('does not blow a small diagram up past 1:1', () => {
    const vb = viewboxBesidePalette({ x: 0, y: 0, width: 300, height: 200 }, canvas, palette);
    expect(vb.width).toBe(canvas.width);
    expect(onScreen(vb, canvas.width, { x: 0, y: 0 }).x).toBe(palette + 20);
  });
});
