import { useId, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import type { NotebookEntry } from '../../notebook/storage/types';
import { formatBytes } from '../../lib/format';

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** One stored notebook: open, rename, duplicate, delete (undo is offered after deleting). */
function NotebookListItem({ entry, isOpen, onOpened }: { entry: NotebookEntry; isOpen: boolean; onOpened: () => void }) {
  const openStoredNotebook = useStudio((s) => s.openStoredNotebook);
  const renameNotebook = useStudio((s) => s.renameNotebook);
  const duplicateNotebook = useStudio((s) => s.duplicateNotebook);
  const deleteNotebook = useStudio((s) => s.deleteNotebook);
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(entry.title);
  const inputId = useId();
  const name = entry.title || 'Untitled notebook';

  return (
    <li className="notebook-item" data-testid="notebook-item" data-open={isOpen ? 'true' : 'false'}>
      {renaming ? (
        <form
          className="notebook-rename"
          onSubmit={(e) => {
            e.preventDefault();
            void renameNotebook(entry.id, title.trim() || name).then(() => setRenaming(false));
          }}
        >
          <label htmlFor={inputId} className="visually-hidden">
            New title for {name}
          </label>
          <input id={inputId} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus data-testid="notebook-rename-input" />
          <button type="submit" className="button">
            Save
          </button>
          <button type="button" className="button button-quiet" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="notebook-item-text">
          <strong className="notebook-item-title">{name}</strong>
          {isOpen ? <span className="notebook-open-tag"> (open)</span> : null}
          <span className="field-hint">
            {' '}
            · edited {when(entry.updatedAt)} · {formatBytes(entry.bytes)}
          </span>
        </div>
      )}
      {!renaming ? (
        <div className="notebook-item-actions">
          <button
            type="button"
            className="button"
            disabled={isOpen}
            onClick={() => void openStoredNotebook(entry.id).then((ok) => ok && onOpened())}
            aria-label={`Open ${name}`}
          >
            Open
          </button>
          <button type="button" className="button button-quiet" onClick={() => (isOpen ? document.querySelector<HTMLInputElement>('[data-testid="notebook-title"]')?.focus() : setRenaming(true))} aria-label={`Rename ${name}`}>
            Rename
          </button>
          <button type="button" className="button button-quiet" onClick={() => void duplicateNotebook(entry.id).then(onOpened)} aria-label={`Duplicate ${name}`}>
            Duplicate
          </button>
          <button type="button" className="button button-quiet" onClick={() => void deleteNotebook(entry.id)} aria-label={`Delete ${name}`} data-testid="notebook-delete">
            Delete
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function NotebookList({ onOpened }: { onOpened: () => void }) {
  const list = useStudio((s) => s.notebookList);
  const openId = useStudio((s) => s.notebook.id);
  if (list.length === 0) return <p className="empty-note">No saved notebooks yet: this one is saved as soon as you change something.</p>;
  return (
    <ul className="notebook-list" aria-label="Notebooks saved in this browser">
      {list.map((entry) => (
        <NotebookListItem key={entry.id} entry={entry} isOpen={entry.id === openId} onOpened={onOpened} />
      ))}
    </ul>
  );
}
