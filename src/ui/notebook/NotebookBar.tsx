import { useEffect, useId, useRef, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import { NotebookList } from './NotebookList';
import { SaveStatus } from './SaveStatus';
import { downloadText } from '../../lib/download';
import './notebook.css';
import { useT } from '../../i18n/locale';

/** Header controls for the notebook as a whole: the list, link, export/import, and save status. */
export function NotebookBar() {
  const t = useT();
  const newNotebook = useStudio((s) => s.newNotebook);
  const copyShareLink = useStudio((s) => s.copyShareLink);
  const exportNotebookJson = useStudio((s) => s.exportNotebookJson);
  const importNotebookJson = useStudio((s) => s.importNotebookJson);
  const flushSave = useStudio((s) => s.flushSave);
  const [menuOpen, setMenuOpen] = useState(false);
  const [copying, setCopying] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const importId = useId();

  useEffect(() => {
    if (!menuOpen) return;
    panel.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
    const closeOnOutside = (event: PointerEvent) => {
      if (!panel.current?.contains(event.target as Node) && !menuButton.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('pointerdown', closeOnOutside);
    return () => document.removeEventListener('pointerdown', closeOnOutside);
  }, [menuOpen]);

  const closeMenu = () => {
    setMenuOpen(false);
    menuButton.current?.focus();
  };

  return (
    <div className="notebook-bar" data-testid="notebook-bar">
      <div className="notebook-menu">
        <button
          ref={menuButton}
          type="button"
          className="button"
          aria-expanded={menuOpen}
          aria-controls={panelId}
          onClick={() => {
            if (!menuOpen) void flushSave();
            setMenuOpen(!menuOpen);
          }}
          data-testid="notebooks-button"
        >
          {t('notebook.notebooks')} <span aria-hidden="true">▾</span>
        </button>
        {menuOpen ? (
          <div
            ref={panel}
            id={panelId}
            className="notebook-panel"
            role="dialog"
            aria-label={t('notebook.yours')}
            onKeyDown={(e) => {
              if (e.key === 'Escape') closeMenu();
            }}
            data-testid="notebook-panel"
          >
            <div className="button-row">
              <button type="button" className="button button-primary" onClick={() => void newNotebook().then(closeMenu)}>
                {t('notebook.new')}
              </button>
            </div>
            <NotebookList onOpened={closeMenu} />
          </div>
        ) : null}
      </div>
      <button
        type="button"
        className="button"
        disabled={copying}
        onClick={() => {
          setCopying(true);
          void copyShareLink().finally(() => setCopying(false));
        }}
        data-testid="copy-link"
      >
        {copying ? t('notebook.makingLink') : t('notebook.copyLink')}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => {
          const { fileName, text } = exportNotebookJson();
          downloadText(text, fileName);
        }}
        data-testid="export-notebook"
      >
        {t('notebook.export')}
      </button>
      <input
        id={importId}
        className="visually-hidden notebook-import-input"
        type="file"
        accept=".json,application/json"
        data-testid="import-notebook"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void importNotebookJson(file);
          e.target.value = '';
        }}
      />
      <label htmlFor={importId} className="button">
        {t('notebook.import')}
      </label>
      <SaveStatus />
    </div>
  );
}
