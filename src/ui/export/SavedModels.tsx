import { useStudio } from '../../store/studio-store';
import { formatMetric } from '../common/format';
import { formatDateTime, useT } from '../../i18n/locale';

/** Models saved in this browser (IndexedDB): open one to predict with it, or delete it. */
export function SavedModels() {
  const t = useT();
  const saved = useStudio((s) => s.savedModels);
  const task = useStudio((s) => s.modelTask);
  const openSavedModel = useStudio((s) => s.openSavedModel);
  const deleteSavedModel = useStudio((s) => s.deleteSavedModel);
  if (!saved || saved.length === 0) return null;
  return (
    <table className="metrics-table saved-models" data-testid="saved-models">
      <caption>{t('saved.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('saved.name')}</th>
          <th scope="col">{t('saved.saved')}</th>
          <th scope="col">{t('saved.classes')}</th>
          <th scope="col">{t('saved.testAccuracy')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('saved.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {saved.map((m) => (
          <tr key={m.id} data-testid="saved-model">
            <th scope="row" title={m.url}>
              {m.name}
            </th>
            <td>{formatDateTime(m.savedAt)}</td>
            <td>{m.classes.length}</td>
            <td>{m.accuracy === null ? '–' : formatMetric(m.accuracy)}</td>
            <td className="row-actions">
              <button type="button" className="button" disabled={task !== null || !m.available} onClick={() => void openSavedModel(m.id)} aria-label={t('notebook.openName', { name: m.name })}>
                {m.available ? t('notebook.open') : t('saved.weightsMissing')}
              </button>
              <button type="button" className="button" disabled={task !== null} onClick={() => void deleteSavedModel(m.id)} aria-label={t('notebook.deleteName', { name: m.name })}>
                {t('notebook.delete')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
