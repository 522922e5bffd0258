import { useEffect, useId, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import { formatMetric } from '../common/format';
import type { QuantizeDtype } from '../../export/quantize';
import type { QuantizationReport } from '../../export/quantize-evaluate';
import { formatFixed, t, useT } from '../../i18n/locale';

const kb = (bytes: number) => t('quantize.kb', { size: formatFixed(bytes / 1024, 1) });

function describe(report: QuantizationReport): string {
  const share = t('quantize.share', { percent: String(Math.round((report.bundleBytes / report.float32BundleBytes) * 100)) });
  const weights = t('quantize.weightsSize', { size: kb(report.weightBytes), float32: kb(report.float32WeightBytes) });
  const test = report.test
    ? t('quantize.test', {
        accuracy: formatMetric(report.test.float32.accuracy),
        quantizedAccuracy: formatMetric(report.test.quantized.accuracy),
        f1: formatMetric(report.test.float32.macroF1),
        quantizedF1: formatMetric(report.test.quantized.macroF1),
      })
    : report.testNote
      ? ` (${report.testNote})`
      : '';
  return t('quantize.describe', { size: kb(report.bundleBytes), share, weights, test });
}

/** Weight precision for the downloaded bundle, with the size and test-metric change measured before download. */
export function QuantizeOptions({ value, onChange, modelId }: { value: QuantizeDtype | null; onChange: (next: QuantizeDtype | null) => void; modelId: string | null }) {
  useT();
  const quantizePreview = useStudio((s) => s.quantizePreview);
  const [reports, setReports] = useState<QuantizationReport[] | null>(null);
  const id = useId();
  useEffect(() => {
    setReports(null);
  }, [modelId]);
  useEffect(() => {
    if (value === null || reports !== null || modelId === null) return;
    let cancelled = false;
    void quantizePreview().then((r) => {
      if (!cancelled) setReports(r);
    });
    return () => {
      cancelled = true;
    };
  }, [value, reports, modelId, quantizePreview]);
  const report = reports?.find((r) => r.dtype === value);
  return (
    <span className="inline-field">
      <label htmlFor={id}>{t('quantize.weights')}</label>
      <select
        id={id}
        value={value ?? 'float32'}
        disabled={modelId === null}
        data-testid="quantize-select"
        onChange={(e) => onChange(e.target.value === 'float32' ? null : (e.target.value as QuantizeDtype))}
      >
        <option value="float32">{t('quantize.float32')}</option>
        <option value="float16">{t('quantize.float16')}</option>
        <option value="uint8">{t('quantize.uint8')}</option>
      </select>
      {value !== null ? (
        <span className="status-line" data-testid="quantize-preview">
          {report ? describe(report) : t('quantize.measuring')}
        </span>
      ) : null}
    </span>
  );
}
