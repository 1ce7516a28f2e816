import { describe, expect, it } from 'vitest';
import { axisScale, stackedBarChart } from './bar-chart';

describe('stackedBarChart', () => {
  const chart = stackedBarChart({
    id: 'c',
    title: 'Open <complaints> & "overdue"',
    description: 'The table below has the figures.',
    categories: ['Jan 26', 'Feb 26'],
    series: [
      { name: 'Overdue', values: [1, 0] },
      { name: 'Not overdue', values: [3, 2] },
    ],
  });

  it('is an image named by its own title and description, with every text escaped', () => {
    expect(chart).toMatch(/^<svg [^>]*role="img" aria-labelledby="c-title c-desc"/);
    expect(chart).toContain('<title id="c-title">Open &#60;complaints&#62; &#38; &#34;overdue&#34;</title>');
    expect(chart).toContain('<desc id="c-desc">The table below has the figures.</desc>');
    expect(chart).not.toContain('<complaints>');
  });

  it('stacks each bar from its series in order and draws no bar for a zero', () => {
    // Two bars for January, one for February (its overdue is 0), and one legend swatch per series.
    expect(chart.match(/<rect class="landlord-chart__series--1"/g)).toHaveLength(2);
    expect(chart.match(/<rect class="landlord-chart__series--2"/g)).toHaveLength(3);
    expect(chart).toContain('>Jan 26</text>');
  });

  it('puts the axis on a round number above the tallest bar, and copes with nothing to draw', () => {
    expect(axisScale(4)).toEqual({ top: 4, step: 1 });
    expect(axisScale(7)).toEqual({ top: 8, step: 2 });
    expect(axisScale(37)).toEqual({ top: 40, step: 10 });
    expect(axisScale(1234)).toEqual({ top: 1500, step: 500 });
    expect(axisScale(0)).toEqual({ top: 5, step: 1 });
  });
});
