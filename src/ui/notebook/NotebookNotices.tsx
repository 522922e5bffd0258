import { useId } from 'react';
import { useStudio } from '../../store/studio-store';
import { BACKEND_LABELS } from '../../train/settings';
import { Message } from '../common/Message';
import { formatBytes } from '../../lib/format';

function LinkError() {
  const linkError = useStudio((s) => s.linkError);
  const dismiss = useStudio((s) => s.dismissLinkError);
  if (!linkError) return null;
  return (
    <Message kind="error" title="This notebook could not be opened" testId="link-error">
      <p>{linkError.message}</p>
      <button type="button" className="button button-quiet" onClick={dismiss}>
        Dismiss
      </button>
    </Message>
  );
}

function SaveError() {
  const status = useStudio((s) => s.saveStatus);
  if (status.state !== 'error') return null;
  return (
    <Message kind="error" title="Your changes are not saved" testId="save-error">
      {status.message}
    </Message>
  );
}

function Notice() {
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
            Dismiss
          </button>
        </Message>
      ) : null}
      {deleted ? (
        <Message kind="info" testId="undo-delete">
          <span>Deleted “{deleted.entry.title || 'Untitled notebook'}”.</span>{' '}
          <button type="button" className="button" onClick={() => void undoDelete()}>
            Undo
          </button>
        </Message>
      ) : null}
    </>
  );
}

function SharePanel() {
  const shareLink = useStudio((s) => s.shareLink);
  const shareError = useStudio((s) => s.shareError);
  const hasWeights = useStudio((s) => s.notebook.trainedModel !== null);
  const fieldId = useId();
  if (shareError) {
    return (
      <Message kind="error" title="No link could be made" testId="share-error">
        {shareError.message}
      </Message>
    );
  }
  if (!shareLink) return null;
  return (
    <div className="message message-info share-panel" role="status" data-testid="share-panel">
      <strong className="message-title">{shareLink.copied === 'copied' ? 'Link copied to the clipboard' : 'Copy this link'}</strong>
      {shareLink.copyProblem ? <p>{shareLink.copyProblem}</p> : null}
      <label htmlFor={fieldId}>
        Notebook link ({shareLink.chars.toLocaleString('en-US')} characters, {formatBytes(shareLink.chars)}). The notebook is in the part after “#”, which browsers never send to a server.
      </label>
      <input id={fieldId} className="share-url" readOnly value={shareLink.url} onFocus={(e) => e.target.select()} data-testid="share-url" />
      {shareLink.notes.length > 0 ? (
        <ul className="share-notes" data-testid="share-notes">
          {shareLink.notes.map((note) => (
            <li key={note.message}>{note.message}</li>
          ))}
        </ul>
      ) : (
        <p>Everything travels in the link: data, settings, results{hasWeights ? ' and the trained model' : ''}.</p>
      )}
    </div>
  );
}

/** A link's large embedded data or model: says what would load, and loads it on one click. */
function HeavyContentPanel() {
  const heavy = useStudio((s) => (s.heavyContent?.notebookId === s.notebook.id ? s.heavyContent : null));
  const load = useStudio((s) => s.loadHeavyContent);
  if (!heavy) return null;
  const parts: string[] = [];
  if (heavy.data) parts.push(`data of ${heavy.data.rows.toLocaleString('en-US')} rows × ${heavy.data.columns.toLocaleString('en-US')} columns (${formatBytes(heavy.data.bytes)})`);
  if (heavy.model) parts.push(`a trained model of ${heavy.model.parameters.toLocaleString('en-US')} parameters`);
  return (
    <div className="message message-info" role="status" data-testid="heavy-content">
      <strong className="message-title">Large content in this link was not loaded</strong>
      <p>This shared notebook carries {parts.join(' and ')}. Nothing of it was loaded yet; its stored results are shown.</p>
      <button type="button" className="button" onClick={() => void load()} data-testid="load-heavy">
        Load {heavy.data && heavy.model ? 'the data and the model' : heavy.data ? 'the data' : 'the model'}
      </button>
    </div>
  );
}

/** Asks for the notebook's data when it cannot come back by itself, and checks a given file's SHA-256. */
function DataNeeded() {
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
            <p>{ref.name} is stored inside this notebook.</p>
            <button type="button" className="button" onClick={() => void restoreDataset()}>
              Load it
            </button>
          </>
        );
        break;
      }
      body = (
        <>
          <p>
            This notebook was made with <strong>{ref.name}</strong> ({formatBytes(ref.bytes)}), which is not inside it.
            {ref.sha256 ? (
              <>
                {' '}
                Ask the sender for that file (SHA-256 <code className="sha">{ref.sha256}</code>); it is checked when you choose it.
              </>
            ) : (
              ' Ask the sender for that file.'
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
            Choose {ref.name}…
          </label>
        </>
      );
      break;
    case 'url':
      body = (
        <>
          <p>
            This notebook’s data is at <a href={ref.url} target="_blank" rel="noopener noreferrer">{ref.url}</a>. It is downloaded only if you ask.
          </p>
          <button type="button" className="button" onClick={() => void restoreDataset()}>
            Download and load it
          </button>
        </>
      );
      break;
    case 'sample':
      body = (
        <>
          <p>This notebook uses the built-in sample {ref.name}.</p>
          <button type="button" className="button" onClick={() => void restoreDataset()}>
            Load it
          </button>
        </>
      );
      break;
    case 'images':
      body = <p>This notebook was trained on images ({ref.name}, {ref.files.toLocaleString('en-US')} files). Ask the sender for them and load them in the Data section.</p>;
      break;
  }
  return (
    <>
      {checkMessage}
      <div className="message message-info" data-testid="data-needed">
        <strong className="message-title">Data needed to retrain</strong>
        {body}
      </div>
    </>
  );
}

/** Says whether retraining here can reproduce the stored numbers exactly (same backend, same seeds). */
function ReproducibilityNote() {
  const results = useStudio((s) => s.notebook.results);
  const choice = useStudio((s) => s.notebook.training.backend);
  const trainedHere = useStudio((s) => s.backendInUse !== null);
  if (!results || trainedHere) return null;
  const made = BACKEND_LABELS[results.backend];
  const seeds = `split seed ${results.prepare.seed}, training seed ${results.settings.seed}`;
  let advice: string;
  if (choice === results.backend) advice = `Retraining here uses ${made} too, with the same seeds: same split, same initial weights, same numbers.`;
  else if (choice === 'auto') advice = `The backend is set to Auto, which may pick another backend here and give slightly different numbers; choose ${made} under Train to reproduce them exactly.`;
  else advice = `Retraining on ${BACKEND_LABELS[choice]} may give slightly different numbers; choose ${made} under Train to reproduce them exactly.`;
  return (
    <p className="repro-note" data-testid="repro-note">
      These results were produced on {made} ({seeds}). {advice}
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
