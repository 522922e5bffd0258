import { useId, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import type { NotebookEntry } from '../../notebook/storage/types';
import { formatBytes } from '../../lib/format';
import { formatDateTime, useT } from '../../i18n/locale';

function when(iso: string): string {
  return formatDateTime(iso);
}

/** One stored notebook: open, rename, duplicate, delete (undo is offered after deleting). */
function NotebookListItem({ entry, isOpen, onOpened }: { entry: NotebookEntry; isOpen: boolean; onOpened: () => void }) {
  const t = useT();
  const openStoredNotebook = useStudio((s) => s.openStoredNotebook);
  const renameNotebook = useStudio((s) => s.renameNotebook);
  const duplicateNotebook = useStudio((s) => s.duplicateNotebook);
  const deleteNotebook = useStudio((s) => s.deleteNotebook);
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(entry.title);
  const inputId = useId();
  const name = entry.title || t('notebook.untitled');

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
            {t('notebook.newTitleFor', { name })}
          </label>
          <input id={inputId} value={title} onChange={(e) => setTitle(e.target.value)} autoFocus data-testid="notebook-rename-input" />
          <button type="submit" className="button">
            {t('common.save')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setRenaming(false)}>
            {t('common.cancel')}
          </button>
        </form>
      ) : (
        <div className="notebook-item-text">
          <strong className="notebook-item-title">{name}</strong>
          {isOpen ? <span className="notebook-open-tag">{t('notebook.openTag')}</span> : null}
          <span className="field-hint">{t('notebook.edited', { when: when(entry.updatedAt), size: formatBytes(entry.bytes) })}</span>
        </div>
      )}
      {!renaming ? (
        <div className="notebook-item-actions">
          <button type="button" className="button" disabled={isOpen} onClick={() => void openStoredNotebook(entry.id).then((ok) => ok && onOpened())} aria-label={t('notebook.openName', { name })}>
            {t('notebook.open')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => (isOpen ? document.querySelector<HTMLInputElement>('[data-testid="notebook-title"]')?.focus() : setRenaming(true))}
            aria-label={t('notebook.renameName', { name })}
          >
            {t('notebook.rename')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => void duplicateNotebook(entry.id).then(onOpened)} aria-label={t('notebook.duplicateName', { name })}>
            {t('notebook.duplicate')}
          </button>
          <button type="button" className="button button-quiet" onClick={() => void deleteNotebook(entry.id)} aria-label={t('notebook.deleteName', { name })} data-testid="notebook-delete">
            {t('notebook.delete')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function NotebookList({ onOpened }: { onOpened: () => void }) {
  const t = useT();
  const list = useStudio((s) => s.notebookList);
  const openId = useStudio((s) => s.notebook.id);
  if (list.length === 0) return <p className="empty-note">{t('notebook.noneSaved')}</p>;
  return (
    <ul className="notebook-list" aria-label={t('notebook.listLabel')}>
      {list.map((entry) => (
        <NotebookListItem key={entry.id} entry={entry} isOpen={entry.id === openId} onOpened={onOpened} />
      ))}
    </ul>
  );
}
