import { Fragment, useEffect } from 'react';
import { useStudio } from '../store/studio-store';
import type { SectionId } from '../notebook/document';
import { BackendBadge, BackendNotice } from './BackendBadge';
import { DataSection } from './data/DataSection';
import { PrepareSection } from './prepare/PrepareSection';
import { ModelSection } from './model/ModelSection';
import { TrainSection } from './train/TrainSection';
import { EvaluateSection } from './evaluate/EvaluateSection';
import { RevenueSection } from './revenue/RevenueSection';
import { PredictSection } from './predict/PredictSection';
import { NoteCell } from './notes/NoteCell';
import { NotebookBar } from './notebook/NotebookBar';
import { NotebookNotices } from './notebook/NotebookNotices';
import { HeaderControls } from './HeaderControls';
import { useT } from '../i18n/locale';
import { ErrorBoundary } from './common/ErrorBoundary';
import { DOCUMENT_LIMITS } from '../settings/limits';
import { resetSection } from '../notebook/reset-section';

const SECTIONS: Record<SectionId, (props: { step: number }) => React.JSX.Element> = {
  dataset: DataSection,
  prepare: PrepareSection,
  model: ModelSection,
  train: TrainSection,
  evaluate: EvaluateSection,
  predict: PredictSection,
  revenue: RevenueSection,
};

export function App() {
  const t = useT();
  const title = useStudio((s) => s.notebook.title);
  const cells = useStudio((s) => s.notebook.cells);
  const setTitle = useStudio((s) => s.setTitle);
  const addNote = useStudio((s) => s.addNote);
  const probeBackends = useStudio((s) => s.probeBackends);
  const updateNotebook = useStudio((s) => s.updateNotebook);
  const newNotebook = useStudio((s) => s.newNotebook);
  const notebookId = useStudio((s) => s.notebook.id);
  const persistenceReady = useStudio((s) => s.persistenceReady);
  const confirmRendered = useStudio((s) => s.confirmRendered);
  const noteRenderFailure = useStudio((s) => s.noteRenderFailure);

  useEffect(() => {
    // The first paint with working controls: the bench reads this mark as "time to interactive".
    performance.mark('tau:interactive');
    void probeBackends();
  }, [probeBackends]);

  useEffect(() => {
    // This notebook rendered (a section that failed is caught by its boundary): safe to reopen on start.
    if (persistenceReady) confirmRendered(notebookId);
  }, [persistenceReady, notebookId, confirmRendered]);

  let step = 0;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="app-header">
        <div className="brand" aria-label="Tau Studio">
          <span className="brand-mark" aria-hidden="true">
            τ
          </span>
          <span className="brand-name">Tau Studio</span>
        </div>
        <label className="title-field">
          <span className="visually-hidden">{t('app.notebookTitle')}</span>
          <input value={title} maxLength={DOCUMENT_LIMITS.shortText} onChange={(e) => setTitle(e.target.value)} data-testid="notebook-title" />
        </label>
        <NotebookBar />
        <BackendBadge />
        <HeaderControls />
      </header>
      <BackendNotice />
      <NotebookNotices />
      <main id="main" className="notebook">
        {cells.map((cell) => {
          const content =
            cell.type === 'markdown' ? (
              <NoteCell id={cell.id} text={cell.text} />
            ) : (
              (() => {
                const Component = SECTIONS[cell.type];
                step += 1;
                return <Component step={step} />;
              })()
            );
          return (
            <Fragment key={cell.id}>
              <ErrorBoundary
                key={`${notebookId}:${cell.id}`}
                what={cell.type === 'markdown' ? t('error.note') : t(`error.section.${cell.type}`)}
                testId={`section-error-${cell.type}`}
                onReset={() => updateNotebook((doc) => resetSection(doc, cell))}
                resetLabel={cell.type === 'markdown' ? t('error.clearNote') : t('error.resetSection')}
                onNewNotebook={() => void newNotebook()}
                onError={() => noteRenderFailure(notebookId)}
              >
                {content}
              </ErrorBoundary>
              <div className="add-note">
                <button type="button" className="button button-quiet" onClick={() => addNote(cell.id)}>
                  {t('app.addNote')}
                </button>
              </div>
            </Fragment>
          );
        })}
      </main>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}
