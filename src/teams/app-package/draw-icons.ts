import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../paths.js';
import { encodePng } from './png.js';

// A speech bubble (rounded box with a tail) holding lines of text, in unit coordinates (0..1).
interface Bubble {
  box: { x0: number; y0: number; x1: number; y1: number; r: number };
  tail: [[number, number], [number, number], [number, number]];
  lines: Array<{ x0: number; x1: number; y: number }>;
  lineWidth: number;
}

function roundedBox(px: number, py: number, b: Bubble['box']): number {
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  const qx = Math.abs(px - cx) - ((b.x1 - b.x0) / 2 - b.r);
  const qy = Math.abs(py - cy) - ((b.y1 - b.y0) / 2 - b.r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - b.r;
}

function triangle(px: number, py: number, t: Bubble['tail']): number {
  let d = Infinity;
  let sign = 0;
  for (let i = 0; i < 3; i++) {
    const [ax, ay] = t[i] as [number, number];
    const [bx, by] = t[(i + 1) % 3] as [number, number];
    const ex = bx - ax;
    const ey = by - ay;
    const h = Math.max(0, Math.min(1, ((px - ax) * ex + (py - ay) * ey) / (ex * ex + ey * ey)));
    d = Math.min(d, Math.hypot(px - ax - ex * h, py - ay - ey * h));
    sign += Math.sign(ex * (py - ay) - ey * (px - ax));
  }
  return Math.abs(sign) === 3 ? -d : d;
}

// Signed distance to the bubble's outline: negative inside.
function bubble(px: number, py: number, b: Bubble): number {
  return Math.min(roundedBox(px, py, b.box), triangle(px, py, b.tail));
}

function onLine(px: number, py: number, b: Bubble): boolean {
  return b.lines.some((l) => px >= l.x0 && px <= l.x1 && Math.abs(py - l.y) <= b.lineWidth / 2);
}

type Shade = (x: number, y: number) => [number, number, number, number];

// Renders a shading function with 4x4 samples a pixel, blending colours by their coverage.
function render(size: number, shade: Shade): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [r, g, b, a] = shade((x + (sx + 0.5) / n) / size, (y + (sy + 0.5) / n) / size);
          acc[0]! += r * a;
          acc[1]! += g * a;
          acc[2]! += b * a;
          acc[3]! += a;
        }
      }
      const alpha = acc[3]! / (n * n);
      const i = (y * size + x) * 4;
      out[i + 3] = Math.round(alpha * 255);
      for (let c = 0; c < 3; c++) out[i + c] = alpha > 0 ? Math.round(acc[c]! / acc[3]!) : 0;
    }
  }
  return out;
}

const BLUE: [number, number, number, number] = [0, 32, 159, 1]; // #00209F, the blue of Haiti's flag
const WHITE: [number, number, number, number] = [255, 255, 255, 1];
const CLEAR: [number, number, number, number] = [0, 0, 0, 0];

const COLOR_BUBBLE: Bubble = {
  box: { x0: 0.22, y0: 0.25, x1: 0.78, y1: 0.66, r: 0.08 },
  tail: [[0.3, 0.6], [0.46, 0.6], [0.28, 0.78]],
  lines: [{ x0: 0.32, x1: 0.68, y: 0.36 }, { x0: 0.32, x1: 0.68, y: 0.455 }, { x0: 0.32, x1: 0.56, y: 0.55 }],
  lineWidth: 0.045,
};

const OUTLINE_BUBBLE: Bubble = {
  box: { x0: 0.06, y0: 0.1, x1: 0.94, y1: 0.72, r: 0.14 },
  tail: [[0.2, 0.66], [0.44, 0.66], [0.16, 0.94]],
  lines: [{ x0: 0.27, x1: 0.73, y: 0.33 }, { x0: 0.27, x1: 0.6, y: 0.5 }],
  lineWidth: 0.075,
};

/** The colour icon (192x192): a white speech bubble with lines of text on Haiti blue, full bleed. */
function colorIcon(): Buffer {
  const shade: Shade = (x, y) => (bubble(x, y, COLOR_BUBBLE) < 0 ? (onLine(x, y, COLOR_BUBBLE) ? BLUE : WHITE) : BLUE);
  return encodePng(192, 192, render(192, shade));
}

/** The outline icon (32x32): the same bubble drawn in white lines on a transparent background. */
function outlineIcon(): Buffer {
  const stroke = 0.075;
  const shade: Shade = (x, y) => {
    const d = bubble(x, y, OUTLINE_BUBBLE);
    return (d < 0 && d > -stroke) || (d < 0 && onLine(x, y, OUTLINE_BUBBLE)) ? WHITE : CLEAR;
  };
  return encodePng(32, 32, render(32, shade));
}

/** Draws both icons into appPackage/ (run once; the PNGs are committed): `npx tsx src/teams/app-package/draw-icons.ts`. */
export function drawIcons(dir = resolve(PROJECT_ROOT, 'appPackage')): void {
  writeFileSync(resolve(dir, 'color.png'), colorIcon());
  writeFileSync(resolve(dir, 'outline.png'), outlineIcon());
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  drawIcons();
  process.stdout.write('Wrote appPackage/color.png (192x192) and appPackage/outline.png (32x32).\n');
}
