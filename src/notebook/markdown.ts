/**
 * A small, safe Markdown subset parsed to a tree (never to HTML strings): headings, paragraphs,
 * bullet and numbered lists, fenced code, block quotes, **bold**, *italic*, `code` and links.
 * Raw HTML in the source stays literal text. Links keep only http(s), mailto and #anchors.
 */
export type Inline =
  { type: 'text'; text: string } | { type: 'strong'; children: Inline[] } | { type: 'em'; children: Inline[] } | { type: 'code'; text: string } | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'code'; text: string }
  | { type: 'quote'; children: Inline[] };

const SAFE_URL = /^(https?:\/\/|mailto:|#)/i;

export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  return SAFE_URL.test(trimmed) ? trimmed : null;
}

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
  };
  let i = 0;
  // Linear time: no slice per character, and the next "]" is found once, not once per "[" (100,000 "["
  // used to freeze every render).
  let nextClose = -2;
  const closeAfter = (from: number) => {
    if (nextClose !== -1 && nextClose < from) nextClose = text.indexOf(']', from);
    return nextClose;
  };
  let nextParen = -2;
  const parenAfter = (from: number) => {
    if (nextParen !== -1 && nextParen < from) nextParen = text.indexOf(')', from);
    return nextParen;
  };
  let nextSpace = -2;
  const spaceAfter = (from: number) => {
    if (nextSpace !== -1 && nextSpace < from) {
      const ws = /\s/g;
      ws.lastIndex = from;
      nextSpace = ws.exec(text)?.index ?? -1;
    }
    return nextSpace;
  };
  while (i < text.length) {
    const at = (s: string) => text.startsWith(s, i);
    if (at('`')) {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (at('**')) {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (at('*') || at('_')) {
      const mark = text[i];
      const end = text.indexOf(mark, i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (at('[')) {
      const close = closeAfter(i + 1);
      if (close > 0 && text[close + 1] === '(') {
        // The address: up to the next ")", with no whitespace in it.
        const end = parenAfter(close + 2);
        const space = spaceAfter(close + 2);
        if (end > 0 && (space === -1 || space > end)) {
          flush();
          const href = safeHref(text.slice(close + 2, end));
          const children = parseInline(text.slice(i + 1, close));
          if (href) out.push({ type: 'link', href, children });
          else for (const child of children) out.push(child);
          i = end + 1;
          continue;
        }
      }
    }
    buffer += text[i];
    i++;
  }
  flush();
  return out;
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      flushParagraph();
      const code: string[] = [];
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) code.push(lines[i++]);
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (heading) {
      flushParagraph();
      blocks.push({ type: 'heading', level: heading[1].length as 1 | 2 | 3 | 4, children: parseInline(heading[2]) });
      continue;
    }
    const bullet = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (bullet) {
      flushParagraph();
      const ordered = /\d/.test(bullet[1]);
      const last = blocks[blocks.length - 1];
      const item = parseInline(bullet[2]);
      if (last?.type === 'list' && last.ordered === ordered) last.items.push(item);
      else blocks.push({ type: 'list', ordered, items: [item] });
      continue;
    }
    const quote = /^>\s?(.*)$/.exec(line);
    if (quote) {
      flushParagraph();
      blocks.push({ type: 'quote', children: parseInline(quote[1]) });
      continue;
    }
    if (line.trim() === '') flushParagraph();
    else paragraph.push(line.trim());
  }
  flushParagraph();
  return blocks;
}
