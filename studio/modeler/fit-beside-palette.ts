/**
 * Where a loaded diagram goes: fitted into the canvas to the right of the palette, which sits
 * over the canvas's left edge and would otherwise cover the pool's and the lanes' names.
 * Room is kept on the right for the context pad of a shape at the diagram's right end.
 * Never zooms in past 1:1; centred vertically.
 */
export interface Box { x: number; y: number; width: number; height: number }

export function viewboxBesidePalette(diagram: Box, canvas: { width: number; height: number }, reserveLeft: number, margin = 20, reserveRight = 80): Box {
  const usableW = Math.max(canvas.width - reserveLeft - margin - reserveRight, 50);
  const usableH = Math.max(canvas.height - 2 * margin, 50);
  const scale = Math.min(1, usableW / Math.max(diagram.width, 1), usableH / Math.max(diagram.height, 1));
  const width = canvas.width / scale;
  const height = canvas.height / scale;
  return {
    x: diagram.x - (reserveLeft + margin) / scale,
    y: diagram.y - (height - diagram.height) / 2,
    width,
    height,
  };
}
