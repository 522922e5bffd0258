import { useId } from 'react';
import { useStudio } from '../../store/studio-store';
import { BACKEND_LABELS } from '../../train/settings';
import { Message } from '../common/Message';
import { formatBytes } from '../../lib/format';
import { formatNumber, useT } from '../../i18n/locale';

function LinkError() {
  const t = useT();
  const linkError = useStudio((s) => s.linkError);
  const dismiss = useStudio((s) => s.dismissLinkError);
  if (!linkError) return null;
  return (
    <Message kind="error" title={t('notice.linkError')} testId="link-error">
      <p>{linkError.message}</p>
      <button type="button" className="button button-quiet" onClick={dismiss}>
        {t('common.dismiss')}
      </button>
    </Message>
  );
}

function SaveError() {
  const t = useT();
  const status = useStudio((s) => s.saveStatus);
  if (status.state !== 'error') return null;
  return (
    <Message kind="error" title={t('notice.notSaved')} testId="save-error">
      {status.message}
    </Message>
  );
}

function Notice() {
  const t = useT();
  const notice = useStudio((s) => s.notebookNotice);
  const setNotice = useStudio((s) => s.setNotebookNotice);
  const deleted = useStudio((s) => s.deletedNotebook);
  const undoDelete = useStudio((s) => s.undoDelete);
  return (
    <>
      {notice ? (
        <Message kind={notice.kind} testId="notebook-notice">
          <span>{notice.message}</span>{' '}
          {notice.action ? (
            <button type="button" className="button" onClick={notice.action.run} data-testid="notice-action">
              {notice.action.label}
            </button>
          ) : null}{' '}
          <button type="button" className="button button-quiet" onClick={() => setNotice(null)}>
            {t('common.dismiss')}
          </button>
        </Message>
      ) : null}
      {deleted ? (
        <Message kind="info" testId="undo-delete">
          <span>{t('notice.deleted', { title: deleted.entry.title || t('notebook.untitled') })}</span>{' '}
          <button type="button" className="button" onClick={() => void undoDelete()}>
            {t('notice.undo')}
          </button>
        </Message>
      ) : null}
    </>
  );
}

function SharePanel() {
  const t = useT();
  const shareLink = useStudio((s) => s.shareLink);
  const shareError = useStudio((s) => s.shareError);
  const hasWeights = useStudio((s) => s.notebook.trainedModel !== null);
  const fieldId = useId();
  if (shareError) {
    return (
      <Message kind="error" title={t('share.error')} testId="share-error">
        {shareError.message}
      </Message>
    );
  }
  if (!shareLink) return null;
  return (
    <div className="message message-info share-panel" role="status" data-testid="share-panel">
      <strong className="message-title">{shareLink.copied === 'copied' ? t('share.copied') : t('share.copyThis')}</strong>
      {shareLink.copyProblem ? <p>{shareLink.copyProblem}</p> : null}
      <label htmlFor={fieldId}>{t('share.linkLabel', { chars: shareLink.chars, size: formatBytes(shareLink.chars) })}</label>
      <input id={fieldId} className="share-url" readOnly value={shareLink.url} onFocus={(e) => e.target.select()} data-testid="share-url" />
      {shareLink.notes.length > 0 ? (
        <ul className="share-notes" data-testid="share-notes">
          {shareLink.notes.map((note) => (
            <li key={note.message}>{note.message}</li>
          ))}
        </ul>
      ) : (
        <p>{t('share.everything', { weights: hasWeights ? t('share.andWeights') : '' })}</p>
      )}
    </div>
  );
}

/** A link's large embedded data or model: says what would load, and loads it on one click. */
function HeavyContentPanel() {
  const t = useT();
  const heavy = useStudio((s) => (s.heavyContent?.notebookId === s.notebook.id ? s.heavyContent : null));
  const load = useStudio((s) => s.loadHeavyContent);
  if (!heavy) return null;
  const parts: string[] = [];
  if (heavy.data) parts.push(t('heavy.data', { rows: formatNumber(heavy.data.rows), columns: formatNumber(heavy.data.columns), size: formatBytes(heavy.data.bytes) }));
  if (heavy.model) parts.push(t('heavy.model', { parameters: formatNumber(heavy.model.parameters) }));
  return (
    <div className="message message-info" role="status" data-testid="heavy-content">
      <strong className="message-title">{t('heavy.title')}</strong>
      <p>{t('heavy.carries', { parts: parts.join(t('heavy.and')) })}</p>
      <button type="button" className="button" onClick={() => void load()} data-testid="load-heavy">
        {heavy.data && heavy.model ? t('heavy.loadBoth') : heavy.data ? t('heavy.loadData') : t('heavy.loadModel')}
      </button>
    </div>
  );
}

/** Asks for the notebook's data when it cannot come back by itself, and checks a given file's SHA-256. */
function DataNeeded() {
  const t = useT();
  const ref = useStudio((s) => s.notebook.dataset);
  const loaded = useStudio((s) => s.dataset !== null);
  const busy = useStudio((s) => s.loading !== null || s.restoringDataset || s.imageLoading !== null);
  const check = useStudio((s) => s.datasetCheck);
  const restoreDataset = useStudio((s) => s.restoreDataset);
  const heavyData = useStudio((s) => s.heavyContent?.notebookId === s.notebook.id && s.heavyContent.data !== null);
  const inputId = useId();
  const checkMessage = check ? (
    <Message kind={check.state === 'matches' ? 'info' : 'warning'} testId="dataset-check">
      {check.message}
    </Message>
  ) : null;
  if (!ref || loaded || busy || heavyData) return checkMessage;
  let body: React.ReactNode;
  switch (ref.kind) {
    case 'file':
      if (ref.inline !== undefined) {
        body = (
          <>
            <p>{t('needed.inside', { name: ref.name })}</p>
            <button type="button" className="button" onClick={() => void restoreDataset()}>
              {t('needed.loadIt')}
            </button>
          </>
        );
        break;
      }
      body = (
        <>
          <p>
            {t('needed.madeWith')} <strong>{ref.name}</strong> {t('needed.notInside', { size: formatBytes(ref.bytes) })}
            {ref.sha256 ? (
              <>
                {' '}
                {t('needed.askSha')} <code className="sha">{ref.sha256}</code>
                {t('needed.askShaEnd')}
              </>
            ) : (
              t('needed.ask')
            )}
          </p>
          <input
            id={inputId}
            className="visually-hidden notebook-data-input"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            data-testid="notebook-data-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void restoreDataset(file);
              e.target.value = '';
            }}
          />
          <label htmlFor={inputId} className="button">
            {t('needed.choose', { name: ref.name })}
          </label>
        </>
      );
      break;
    case 'url':
      body = (
        <>
          <p>
            {t('needed.urlAt')}{' '}
            <a href={ref.url} target="_blank" rel="noopener noreferrer">
              {ref.url}
            </a>
            {t('needed.urlOnRequest')}
          </p>
          <button type="button" className="button" onClick={() => void restoreDataset()}>
            {t('needed.download')}
          </button>
        </>
      );
      break;
    case 'sample':
      body = (
        <>
          <p>{t('needed.sample', { name: ref.name })}</p>
          <button type="button" className="button" onClick={() => void restoreDataset()}>
            {t('needed.loadIt')}
          </button>
        </>
      );
      break;
    case 'images':
      body = <p>{t('needed.images', { name: ref.name, files: ref.files })}</p>;
      break;
  }
  return (
    <>
      {checkMessage}
      <div className="message message-info" data-testid="data-needed">
        <strong className="message-title">{t('needed.title')}</strong>
        {body}
      </div>
    </>
  );
}

/** Says whether retraining here can reproduce the stored numbers exactly (same backend, same seeds). */
function ReproducibilityNote() {
  const t = useT();
  const results = useStudio((s) => s.notebook.results);
  const choice = useStudio((s) => s.notebook.training.backend);
  const trainedHere = useStudio((s) => s.backendInUse !== null);
  if (!results || trainedHere) return null;
  const made = BACKEND_LABELS[results.backend];
  const seeds = t('repro.seeds', { split: String(results.prepare.seed), train: String(results.settings.seed) });
  let advice: string;
  if (choice === results.backend) advice = t('repro.same', { backend: made });
  else if (choice === 'auto') advice = t('repro.auto', { backend: made });
  else advice = t('repro.other', { other: BACKEND_LABELS[choice], backend: made });
  return (
    <p className="repro-note" data-testid="repro-note">
      {t('repro.produced', { backend: made, seeds, advice })}
    </p>
  );
}

/** Messages about the notebook as a whole, between the header and the first section. */
export function NotebookNotices() {
  return (
    <div className="notebook-notices" data-testid="notebook-notices">
      <LinkError />
      <SaveError />
      <Notice />
      <SharePanel />
      <HeavyContentPanel />
      <DataNeeded />
      <ReproducibilityNote />
    </div>
  );
}
