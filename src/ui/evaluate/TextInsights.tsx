import type { TrainingResult } from '../../train/result';
import { t, useT } from '../../i18n/locale';

/** Text classifiers: the most confident test mistakes as snippets, and the top-weighted terms per class (linear model). */
export function TextInsights({ results }: { results: TrainingResult }) {
  useT();
  const mistakes = results.textMistakes ?? [];
  const top = results.topTokens ?? [];
  return (
    <>
      {results.textMistakes ? (
        <section className="text-mistakes" aria-labelledby="text-mistakes-heading" data-testid="text-mistakes">
          <h3 id="text-mistakes-heading">{t('evaluate.textMistakes')}</h3>
          {mistakes.length === 0 ? (
            <p className="field-hint">{t('evaluate.textMistakesNone')}</p>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('evaluate.textMistakesRow')}</th>
                  <th scope="col">{t('evaluate.textMistakesText')}</th>
                  <th scope="col">{t('evaluate.textMistakesTrue')}</th>
                  <th scope="col">{t('evaluate.textMistakesPredicted')}</th>
                </tr>
              </thead>
              <tbody>
                {mistakes.map((m) => (
                  <tr key={m.row} data-testid="text-mistake">
                    <td>{m.row}</td>
                    <td>{m.text}</td>
                    <td>{results.classes[m.trueClass]}</td>
                    <td>
                      {results.classes[m.predictedClass]} ({Math.round(m.confidence * 100)}%)
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
      {top.length > 0 ? (
        <section className="top-tokens" aria-labelledby="top-tokens-heading" data-testid="top-tokens">
          <h3 id="top-tokens-heading">{t('evaluate.topTokens')}</h3>
          <dl>
            {top.map((c) => (
              <div key={c.classIndex}>
                <dt>{results.classes[c.classIndex]}</dt>
                <dd>{c.tokens.map((tok) => tok.token).join(', ') || '—'}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
    </>
  );
}
