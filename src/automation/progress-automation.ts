import { useStudio } from '../store/studio-store';

/**
 * `progress()`: one line about the work under way (loading, training), or null when idle. The runner
 * polls it and prints changes on stderr, so a long `tau train` shows signs of life (`--quiet` silences).
 */
export const progressAutomation = {
  progress(): string | null {
    const { loading, imageLoading, training } = useStudio.getState();
    if (loading) return `Loading ${loading.name}: ${loading.rows.toLocaleString('en-US')} rows (${Math.round((100 * loading.bytesRead) / Math.max(1, loading.totalBytes))}%)`;
    if (imageLoading) return `Loading ${imageLoading.name}: ${imageLoading.step} ${imageLoading.done.toLocaleString('en-US')}/${imageLoading.total.toLocaleString('en-US')}`;
    if (training.status === 'idle') return null;
    if (training.message) return training.message;
    if (training.epochs === 0) return 'Training…';
    const model = training.candidate ? `${training.candidate}: ` : '';
    return `Training ${model}epoch ${training.epoch}/${training.epochs}`;
  },
};
