import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultRevenueInputs, type ConfusionMatrix, type RevenueInputs } from '../../revenue';
import { RevenuePanel } from './RevenuePanel';

// No DOM in the unit-test environment, so render to HTML and check structure
// and accessibility wiring; interaction is covered by the e2e suite.
function render(value: RevenueInputs, model: ConfusionMatrix | null = null): string {
  return renderToStaticMarkup(createElement(RevenuePanel, { value, onChange: () => undefined, model }));
}

/** Attributes of every <tag …> in React's static markup (always double-quoted). */
function attrsOf(html: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attrs[a[1]] = a[2] ?? '';
    out.push(attrs);
  }
  return out;
}
const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

describe('RevenuePanel (server render)', () => {
  const en = { ...defaultRevenueInputs(), locale: 'en-US' };

  it('shows the total, the formula with the user’s numbers, chart, table and downloads', () => {
    const html = render(en);
    expect(html).toMatch(/data-testid="revenue-total">€1,200,000.00</);
    expect(decode(html)).toContain('data-testid="revenue-formula">R = N × P × T = 1,000 × 100 × 12 = 1,200,000<');
    expect(html).toContain('data-testid="revenue-chart"');
    expect(html).toContain('data-testid="revenue-tornado"');
    expect(html).toContain('data-testid="revenue-scenarios"');
    expect(html).toMatch(/<caption[^>]*>Revenue, cost and profit per month in EUR over 12 months<\/caption>/);
    expect(html.match(/<th scope="row">/g)?.length).toBe(12 + 7); // period rows + tornado rows
    for (const label of ['Download CSV', 'Download chart as SVG', 'Download chart as PNG']) {
      expect(html).toContain(`<button type="button" class="button">${label}</button>`);
    }
    expect(html).not.toContain('data-testid="revenue-model"');
    expect(html).not.toMatch(/NaN|Infinity/);
  });

  it('labels every input and links errors with aria-describedby / aria-invalid, keeping the typed text', () => {
    const html = render({ ...en, customers: '-5', churn: 'abc' });
    const inputs = attrsOf(html, 'input').filter((a) => a.type === 'text');
    const labels = new Set(
      attrsOf(html, 'label')
        .map((a) => a.for)
        .filter(Boolean),
    );
    expect(inputs.length).toBeGreaterThanOrEqual(9);
    for (const input of inputs) expect(labels.has(input.id)).toBe(true);
    const customers = inputs.find((a) => a.value === '-5');
    expect(customers?.['aria-invalid']).toBe('true');
    const errorId = customers?.['aria-describedby'];
    expect(errorId).toBeTruthy();
    expect(decode(html)).toContain(`id="${errorId}" class="field-error">Customers (N) can't be negative. Enter 0 or more.</p>`);
    expect(inputs.find((a) => a.value === 'abc')?.['aria-invalid']).toBe('true');
    expect(inputs.find((a) => a.value === '100')?.['aria-invalid']).toBeUndefined();
    expect(html).not.toContain('data-testid="revenue-total"');
    expect(html).toContain('Fix the highlighted inputs');
  });

  it('shows the model tie-in only when a model is given', () => {
    const html = decode(
      render(en, {
        labels: ['no', 'yes'],
        matrix: [
          [50, 10],
          [20, 120],
        ],
      }),
    );
    expect(html).toContain('data-testid="revenue-model"');
    expect(html).toContain('Use as N');
    expect(html).toMatch(/<option value="yes" selected="">yes<\/option>/);
    expect(html).toContain('N ≈ 12');
  });
});
