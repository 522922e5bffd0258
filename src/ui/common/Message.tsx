import type { ReactNode } from 'react';

interface MessageProps {
  kind: 'error' | 'warning' | 'info';
  title?: string;
  children: ReactNode;
  testId?: string;
}

/** Errors are announced assertively, other messages politely. */
export function Message({ kind, title, children, testId }: MessageProps) {
  return (
    <div className={`message message-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {title ? <strong className="message-title">{title}</strong> : null}
      <div>{children}</div>
    </div>
  );
}
