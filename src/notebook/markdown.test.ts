import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown';

describe('safe markdown', () => {
  it('parses headings, lists, code and emphasis', () => {
    const blocks = parseMarkdown('# Title\n\nSome **bold** and *it* and `x<y`.\n\n- a\n- b\n\n1. one\n\n```\n<b>raw</b>\n```');
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'code']);
    expect(blocks[1]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Some ' },
        { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
        { type: 'text', text: ' and ' },
        { type: 'em', children: [{ type: 'text', text: 'it' }] },
        { type: 'text', text: ' and ' },
        { type: 'code', text: 'x<y' },
        { type: 'text', text: '.' },
      ],
    });
    expect(blocks[4]).toEqual({ type: 'code', text: '<b>raw</b>' });
  });

  it('keeps raw HTML as text and drops unsafe link targets', () => {
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([{ type: 'text', text: '<img src=x onerror=alert(1)>' }]);
    const js = parseInline('[click](javascript:alert(1))');
    expect(js.every((n) => n.type === 'text')).toBe(true);
    expect(js.map((n) => (n.type === 'text' ? n.text : '')).join('')).toBe('click)');
    expect(parseInline('[data](data:text/html,hi)')).toEqual([{ type: 'text', text: 'data' }]);
    expect(parseInline('[ok](https://example.org/a)')).toEqual([{ type: 'link', href: 'https://example.org/a', children: [{ type: 'text', text: 'ok' }] }]);
  });
});

describe('markdown on hostile notes', () => {
  it('parses 100,000 "[" (and other unmatched marks) in linear time', () => {
    for (const mark of ['[', '[a](', '`', '*', '_', '**', '[x]']) {
      const text = mark.repeat(100_000 / mark.length);
      const started = performance.now();
      const blocks = parseMarkdown(text);
      expect(blocks.length).toBe(1);
      // Not a timing assertion on the machine: a quadratic parse of 100k would take minutes, not this test's budget.
      expect(performance.now() - started).toBeLessThan(20_000);
    }
  });

  it('still parses links, nested marks and refuses unsafe addresses', () => {
    expect(parseInline('see [the **docs**](https://x.y/z) and [bad](javascript:alert(1))')).toEqual([
      { type: 'text', text: 'see ' },
      {
        type: 'link',
        href: 'https://x.y/z',
        children: [
          { type: 'text', text: 'the ' },
          { type: 'strong', children: [{ type: 'text', text: 'docs' }] },
        ],
      },
      { type: 'text', text: ' and ' },
      { type: 'text', text: 'bad' },
      { type: 'text', text: ')' },
    ]);
  });
});
