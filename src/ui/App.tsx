import { memo, useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
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
import { afterStartup, markInteractive } from './startup/phase';
import { AfterStartup } from './startup/AfterStartup';
import { PendingSection } from './startup/PendingSection';
import { deferredPartsRendered } from './startup/deferred';

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
  // Only the cells' ids and kinds: a keystroke in a note changes that note's text, which must not re-render
  // the whole notebook (it cost ~60–90 ms per keystroke); each NoteCell reads its own text.
  const cellIds = useStudio(useShallow((s) => s.notebook.cells.map((c) => c.id)));
  const cellTypes = useStudio(useShallow((s) => s.notebook.cells.map((c) => c.type)));
  const setTitle = useStudio((s) => s.setTitle);
  const probeBackends = useStudio((s) => s.probeBackends);
  const notebookId = useStudio((s) => s.notebook.id);
  const persistenceReady = useStudio((s) => s.persistenceReady);
  const confirmRendered = useStudio((s) => s.confirmRendered);

  useEffect(() => {
    // The first paint with working controls: the bench reads this mark as "time to interactive".
    markInteractive();
    // The probe starts the worker (TF.js loads there): after the first paint, at an idle moment.
    void afterStartup().then(() => probeBackends());
  }, [probeBackends]);

  useEffect(() => {
    // This notebook rendered (a section that failed is caught by its boundary): safe to reopen on start.
    // Cells below the first section render after start-up: confirmed once they have too.
    if (!persistenceReady) return;
    let active = true;
    void deferredPartsRendered().then(() => {
      if (active) confirmRendered(notebookId);
    });
    return () => {
      active = false;
    };
  }, [persistenceReady, notebookId, confirmRendered]);

  let step = 0;
  // The first paint renders the cells up to the first section (what a window shows at start); the rest
  // follow at the first idle moment after it, or when scrolled near (issue 19, 4b: cold start).
  const firstSection = cellTypes.findIndex((type) => type !== 'markdown');
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
        {cellIds.map((id, i) => {
          const type = cellTypes[i];
          if (type !== 'markdown') step += 1;
          return <NotebookCell key={id} id={id} type={type} step={type === 'markdown' ? 0 : step} notebookId={notebookId} deferred={firstSection >= 0 && i > firstSection} />;
        })}
      </main>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}

/**
 * One cell of the notebook inside its error boundary, with the "add note" button after it. Memoized on
 * (id, type, step, notebook): typing in a note re-renders that note only, not every section.
 */
const NotebookCell = memo(function NotebookCell({ id, type, step, notebookId, deferred }: { id: string; type: SectionId | 'markdown'; step: number; notebookId: string; deferred: boolean }) {
  const t = useT();
  const addNote = useStudio((s) => s.addNote);
  const updateNotebook = useStudio((s) => s.updateNotebook);
  const newNotebook = useStudio((s) => s.newNotebook);
  const noteRenderFailure = useStudio((s) => s.noteRenderFailure);
  const Component = type === 'markdown' ? null : SECTIONS[type];
  return (
    <>
      <ErrorBoundary
        key={`${notebookId}:${id}`}
        what={type === 'markdown' ? t('error.note') : t(`error.section.${type}`)}
        testId={`section-error-${type}`}
        onReset={() => updateNotebook((doc) => resetSection(doc, { id, type }))}
        resetLabel={type === 'markdown' ? t('error.clearNote') : t('error.resetSection')}
        onNewNotebook={() => void newNotebook()}
        onError={() => noteRenderFailure(notebookId)}
      >
        <AfterStartup eager={!deferred} placeholder={type === 'markdown' ? null : <PendingSection type={type} step={step} />}>
          {Component ? <Component step={step} /> : <NoteCell id={id} />}
        </AfterStartup>
      </ErrorBoundary>
      <div className="add-note">
        <button type="button" className="button button-quiet" onClick={() => addNote(id)}>
          {t('app.addNote')}
        </button>
      </div>
    </>
  );
});
