import type { ReactNode } from 'react';

interface SectionProps {
  id: string;
  step: number;
  title: string;
  summary?: ReactNode;
  children: ReactNode;
}

/** One stage of the pipeline, a landmark region with a heading so screen readers can jump between stages. */
export function Section({ id, step, title, summary, children }: SectionProps) {
  const headingId = `${id}-heading`;
  return (
    <section className="section" id={id} aria-labelledby={headingId} data-testid={`section-${id}`}>
      <header className="section-header">
        <h2 id={headingId}>
          <span className="section-step" aria-hidden="true">
            {step}
          </span>
          {title}
        </h2>
        {summary ? <div className="section-summary">{summary}</div> : null}
      </header>
      <div className="section-body">{children}</div>
    </section>
  );
}
