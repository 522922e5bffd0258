import { useStudio } from '../../store/studio-store';
import { formatBytes } from '../../lib/format';
import { formatDateTime, useT } from '../../i18n/locale';

/** One short line: whether the notebook on disk is this notebook. Errors get the full story in NotebookNotices. */
export function SaveStatus() {
  const t = useT();
  const status = useStudio((s) => s.saveStatus);
  let text: string;
  let title = '';
  switch (status.state) {
    case 'idle':
      text = t('save.idle');
      title = t('save.idleTitle');
      break;
    case 'pending':
      text = t('save.pending');
      break;
    case 'saving':
      text = t('save.saving');
      break;
    case 'saved':
      text = t('save.saved');
      title = t('save.savedTitle', { time: formatDateTime(status.savedAt, { timeStyle: 'medium' }), size: formatBytes(status.bytes), revision: String(status.revision) });
      break;
    case 'error':
      text = t('save.error');
      title = status.message;
      break;
  }
  return (
    <span className="save-status" data-state={status.state} data-testid="save-status" role="status" title={title}>
      <span className="save-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
