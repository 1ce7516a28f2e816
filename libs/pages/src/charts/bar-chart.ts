/**
 * Server-rendered SVG bar charts (no script: the pages' CSP allows none). A chart is an image
 * with its own title and description (role="img", aria-labelledby); the page always puts the
 * same numbers in a table beside it, so nothing is known only from the picture. Colours come
 * from the stylesheet's `landlord-chart__series--N` classes, and every series has a legend.
 */
export interface BarSeries {
  name: string;
  values: readonly number[];
}

export interface BarChartOptions {
  /** Unique on the page: the ids of the title and description are made from it. */
  id: string;
  title: string;
  description: string;
  /** One label per bar (e.g. "Mar 2026"), in order. */
  categories: readonly string[];
  /** Stacked bottom to top in this order; values are counts (>= 0). */
  series: readonly BarSeries[];
}

const WIDTH = 720;
const HEIGHT = 320;
const MARGIN = { top: 40, right: 16, bottom: 48, left: 56 };

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A "nice" top for the axis (1, 2 or 5 times a power of ten) and its tick step, at least 1. */
export function axisScale(max: number, ticks = 5): { top: number; step: number } {
  if (!(max > 0)) return { top: ticks, step: 1 };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  return { top: Math.ceil(max / step) * step, step };
}

/** The chart as one `<svg>` element string, safe to insert with `| safe` (every text is escaped). */
export function stackedBarChart(options: BarChartOptions): string {
  const { categories, series } = options;
  const totals = categories.map((_, i) => series.reduce((sum, s) => sum + Math.max(0, s.values[i] ?? 0), 0));
  const { top, step } = axisScale(Math.max(0, ...totals));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const band = plotWidth / Math.max(1, categories.length);
  const barWidth = Math.max(4, band * 0.6);
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;

  const parts: string[] = [];
  for (let tick = 0; tick <= top; tick += step) {
    parts.push(
      `<line class="landlord-chart__grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}"/>`,
      `<text class="landlord-chart__tick" x="${MARGIN.left - 8}" y="${y(tick) + 4}" text-anchor="end">${tick.toLocaleString('en-GB')}</text>`,
    );
  }
  categories.forEach((category, i) => {
    const x = MARGIN.left + band * i + (band - barWidth) / 2;
    let base = 0;
    series.forEach((s, n) => {
      const value = Math.max(0, s.values[i] ?? 0);
      if (value > 0) {
        parts.push(
          `<rect class="landlord-chart__series--${n + 1}" x="${x.toFixed(1)}" y="${y(base + value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(y(base) - y(base + value)).toFixed(1)}"/>`,
        );
      }
      base += value;
    });
    parts.push(
      `<text class="landlord-chart__label" x="${(x + barWidth / 2).toFixed(1)}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle">${escapeXml(category)}</text>`,
    );
  });
  parts.push(
    `<line class="landlord-chart__axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(0)}" y2="${y(0)}"/>`,
  );
  // The legend, top left, one swatch per series in stacking order.
  let legendX = MARGIN.left;
  series.forEach((s, n) => {
    parts.push(
      `<rect class="landlord-chart__series--${n + 1}" x="${legendX}" y="12" width="14" height="14"/>`,
      `<text class="landlord-chart__legend" x="${legendX + 20}" y="24">${escapeXml(s.name)}</text>`,
    );
    legendX += 40 + s.name.length * 8;
  });

  return [
    `<svg class="landlord-chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${titleId}">${escapeXml(options.title)}</title>`,
    `<desc id="${descId}">${escapeXml(options.description)}</desc>`,
    ...parts,
    '</svg>',
  ].join('');
}
