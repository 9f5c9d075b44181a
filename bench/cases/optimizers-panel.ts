/**
 * The "Compare Optimizers" webview's pure work, in node (no DOM): what one animation frame computes
 * with 10 optimizers × 1,000 steps (goal 8 ms: half a 60 Hz frame), what a parameter change
 * recomputes, and the contour image of a surface at 800 × 600 (drawn once per surface, size and theme,
 * then cached). In Chromium: the time from mounting the app to its first painted surface.
 */
import type { BenchCase } from '../harness';
import { bundlePage, openBenchPage } from '../chromium';
import { SURFACE_NAMES, SURFACES } from '../../src/core/surfaces';
import { VIRIDIS } from '../../webview/optimizers/colormap';
import { contourImage } from '../../webview/optimizers/contour';
import { frameAt, lossData, project, RaceRunner, summarize, type Run } from '../../webview/optimizers/race';
import { layoutFor, tracePath, type Ctx2D } from '../../webview/optimizers/render';
import { createEntry, type Entry } from '../../webview/optimizers/entries';
import type { OptimizerName } from '../../src/core/optim';

const STEPS = 1000;

const RACE: [OptimizerName, Record<string, unknown>][] = [
  ['SGD', { lr: 1e-3 }],
  ['SGD', { lr: 1e-3, momentum: 0.9, nesterov: true }],
  ['Adam', { lr: 0.05, amsgrad: true }],
  ['AdamW', { lr: 0.05 }],
  ['RMSprop', { lr: 0.01, centered: true, momentum: 0.5 }],
  ['Adagrad', { lr: 0.1, lr_decay: 1e-3 }],
  ['Adadelta', {}],
  ['Adamax', { lr: 0.05 }],
  ['NAdam', { lr: 0.05 }],
  ['RAdam', { lr: 0.05 }],
];
const entries: Entry[] = RACE.map(([type, kwargs], i) => createEntry(i + 1, type, kwargs));
const surface = SURFACES.rosenbrock;
const runs: Run[] = [...new RaceRunner().run(surface, surface.start, STEPS, entries).values()];
const layout = layoutFor(surface, 800, 600);

/** Stands in for the canvas: path building costs what the JS side of drawing costs, minus the raster. */
const counter = { n: 0 };
const sink = { beginPath() {}, moveTo: () => counter.n++, lineTo: () => counter.n++ } as unknown as Ctx2D;

let step = 0;
const nodeCases: BenchCase[] = [
  {
    group: 'optimizers panel',
    name: `animation frame · 10 optimizers × ${STEPS} steps (markers, table values, path prefixes)`,
    goalMs: 8,
    run: () => {
      step = (step + 17) % (STEPS + 1);
      const frames = frameAt(runs, step);
      let n = 0;
      for (const frame of frames) n += tracePath(sink, projected.get(frame.id)!, frame.points);
      return n;
    },
  },
  {
    group: 'optimizers panel',
    name: `resize frame · 10 optimizers × ${STEPS} steps (re-project all paths, then draw the last step)`,
    goalMs: 8,
    run: () => {
      const pixels = runs.map((run) => project(run, layout.plot));
      let n = 0;
      frameAt(runs, STEPS).forEach((frame, i) => (n += tracePath(sink, pixels[i]!, frame.points)));
      return n;
    },
  },
  {
    group: 'optimizers panel',
    name: `parameter change · re-run 10 optimizers × ${STEPS} steps, summaries, chart data`,
    goalMs: 8,
    run: () => {
      const fresh = [...new RaceRunner().run(surface, surface.start, STEPS, entries).values()];
      const summaries = fresh.map((run) => summarize(run, surface, 1e-3));
      return lossData(fresh, STEPS, true).length + summaries.length;
    },
  },
  ...SURFACE_NAMES.map(
    (name): BenchCase => ({
      group: 'optimizers panel',
      name: `contour image 800 × 600 · ${name} (heat map, log levels, marching squares)`,
      goalMs: 50,
      run: () => contourImage(SURFACES[name].f, SURFACES[name].view, 800, 600, VIRIDIS).contours.length,
    }),
  ),
];

const projected = new Map(runs.map((run) => [run.id, project(run, layout.plot)]));

async function chromiumCases(): Promise<BenchCase[]> {
  const script = await bundlePage('optimizers-panel.ts');
  const page = script === undefined ? undefined : await openBenchPage(script, ['noop', 'firstFrame']);
  if (!page) {
    console.error('optimizers panel: no Chromium (/usr/bin/chromium or CHROMIUM_PATH), so no first-frame figure');
    return [];
  }
  return [
    {
      group: 'optimizers panel',
      name: 'Chromium · first frame: the app mounted until the seed demo’s surface is painted (valley, 3 optimizers)',
      goalMs: 100,
      run: () => page.call('firstFrame'),
    },
  ];
}

export const cases: BenchCase[] = [...nodeCases, ...(await chromiumCases())];
