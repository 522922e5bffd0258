import { useStudio } from '../../store/studio-store';
import { formatBytes } from '../../lib/format';

/** One short line: whether the notebook on disk is this notebook. Errors get the full story in NotebookNotices. */
export function SaveStatus() {
  const status = useStudio((s) => s.saveStatus);
  let text: string;
  let title = '';
  switch (status.state) {
    case 'idle':
      text = 'Not saved yet';
      title = 'Saved in this browser as soon as you change something.';
      break;
    case 'pending':
      text = 'Unsaved changes…';
      break;
    case 'saving':
      text = 'Saving…';
      break;
    case 'saved':
      text = 'Saved · verified';
      title = `Saved in this browser at ${new Date(status.savedAt).toLocaleTimeString()} (${formatBytes(status.bytes)}, revision ${status.revision}) and read back to check.`;
      break;
    case 'error':
      text = 'Not saved';
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
