import type { ReactNode } from 'react';
import type { TrainingResult } from '../../train/result';
import { BACKEND_LABELS } from '../../train/settings';
import { useT } from '../../i18n/locale';
import { Message } from '../common/Message';
import { formatCount } from '../common/format';

/**
 * The header every evaluation shows (classification and regression): which model ran where, the split
 * sizes and seed, and the run's warnings. `lead` goes before the facts (e.g. the regression target).
 */
export function ResultFacts({ results, lead }: { results: TrainingResult; lead?: ReactNode }) {
  const t = useT();
  // Where it ran: the GPU adapter, or on WASM the threads XNNPACK really used.
  const where = [results.adapter, results.threads === 1 ? t('evaluate.oneThread') : results.threads ? t('evaluate.threads', { count: formatCount(results.threads) }) : undefined].filter(Boolean);
  return (
    <>
      <p className="result-facts">
        {lead ? <>{lead} </> : null}
        {t('evaluate.facts', {
          model: results.modelDescription,
          backend: BACKEND_LABELS[results.backend],
          adapter: where.length > 0 ? ` (${where.join(', ')})` : '',
          train: formatCount(results.split.train),
          validation: formatCount(results.split.validation),
        })}{' '}
        <span data-testid="test-size">{formatCount(results.split.test)}</span> {t('evaluate.factsTest', { seed: String(results.prepare.seed) })}
      </p>
      {results.warnings.map((w) => (
        <Message key={w} kind="warning">
          {w}
        </Message>
      ))}
    </>
  );
}
