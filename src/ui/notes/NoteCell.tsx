import { useId, useState } from 'react';
import { DOCUMENT_LIMITS } from '../../settings/limits';
import { useStudio } from '../../store/studio-store';
import { Markdown } from './Markdown';
import { useT } from '../../i18n/locale';

/** A Markdown note: shown rendered, edited as text. */
export function NoteCell({ id }: { id: string }) {
  const t = useT();
  // Its own text only: the rest of the notebook does not re-render while this note is typed in.
  const text = useStudio((s) => {
    for (const c of s.notebook.cells) if (c.id === id && c.type === 'markdown') return c.text;
    return '';
  });
  const updateNote = useStudio((s) => s.updateNote);
  const removeNote = useStudio((s) => s.removeNote);
  const [editing, setEditing] = useState(text === '');
  const editorId = useId();
  return (
    <div className="note-cell" data-testid="note-cell">
      {editing ? (
        <>
          <label htmlFor={editorId} className="visually-hidden">
            {t('note.label')}
          </label>
          <textarea
            id={editorId}
            value={text}
            maxLength={DOCUMENT_LIMITS.noteText}
            rows={Math.max(3, text.split('\n').length + 1)}
            placeholder={t('note.placeholder')}
            onChange={(e) => updateNote(id, e.target.value)}
            data-testid="note-editor"
          />
          <div className="button-row">
            <button type="button" className="button" onClick={() => setEditing(false)} disabled={text.trim() === ''}>
              {t('note.done')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => removeNote(id)}>
              {t('note.delete')}
            </button>
          </div>
        </>
      ) : (
        <>
          <Markdown source={text} />
          <button type="button" className="button button-quiet" onClick={() => setEditing(true)} aria-label={t('note.editLabel')}>
            {t('note.edit')}
          </button>
        </>
      )}
    </div>
  );
}
