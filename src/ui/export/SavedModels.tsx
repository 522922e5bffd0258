import { useStudio } from '../../store/studio-store';
import { formatMetric } from '../common/format';

/** Models saved in this browser (IndexedDB): open one to predict with it, or delete it. */
export function SavedModels() {
  const saved = useStudio((s) => s.savedModels);
  const task = useStudio((s) => s.modelTask);
  const openSavedModel = useStudio((s) => s.openSavedModel);
  const deleteSavedModel = useStudio((s) => s.deleteSavedModel);
  if (!saved || saved.length === 0) return null;
  return (
    <table className="metrics-table saved-models" data-testid="saved-models">
      <caption>Models saved in this browser</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Saved</th>
          <th scope="col">Classes</th>
          <th scope="col">Test accuracy</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {saved.map((m) => (
          <tr key={m.id} data-testid="saved-model">
            <th scope="row" title={m.url}>
              {m.name}
            </th>
            <td>{new Date(m.savedAt).toLocaleString()}</td>
            <td>{m.classes.length}</td>
            <td>{m.accuracy === null ? '–' : formatMetric(m.accuracy)}</td>
            <td className="row-actions">
              <button type="button" className="button" disabled={task !== null || !m.available} onClick={() => void openSavedModel(m.id)} aria-label={`Open ${m.name}`}>
                {m.available ? 'Open' : 'Weights missing'}
              </button>
              <button type="button" className="button" disabled={task !== null} onClick={() => void deleteSavedModel(m.id)} aria-label={`Delete ${m.name}`}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
