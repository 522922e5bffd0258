import type { ReactNode } from 'react';
import { parseMarkdown, type Inline } from '../../notebook/markdown';

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noopener noreferrer">
            {renderInline(node.children)}
          </a>
        );
    }
  });
}

/** Renders the safe Markdown tree as React elements: no HTML string is ever injected. */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      {parseMarkdown(source).map((block, i) => {
        switch (block.type) {
          case 'heading': {
            const Tag = `h${Math.min(6, block.level + 2)}` as 'h3' | 'h4' | 'h5' | 'h6';
            return <Tag key={i}>{renderInline(block.children)}</Tag>;
          }
          case 'paragraph':
            return <p key={i}>{renderInline(block.children)}</p>;
          case 'list': {
            const items = block.items.map((item, j) => <li key={j}>{renderInline(item)}</li>);
            return block.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
          }
          case 'code':
            return (
              <pre key={i}>
                <code>{block.text}</code>
              </pre>
            );
          case 'quote':
            return <blockquote key={i}>{renderInline(block.children)}</blockquote>;
        }
      })}
    </div>
  );
}
