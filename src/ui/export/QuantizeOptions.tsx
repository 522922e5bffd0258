import { useEffect, useId, useState } from 'react';
import { useStudio } from '../../store/studio-store';
import { formatMetric } from '../common/format';
import type { QuantizeDtype } from '../../export/quantize';
import type { QuantizationReport } from '../../export/quantize-evaluate';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function describe(report: QuantizationReport): string {
  const share = `${Math.round((report.bundleBytes / report.float32TfjsBundleBytes) * 100)}% of the float32 TF.js bundle`;
  const weights = `weights ${kb(report.weightBytes)} instead of ${kb(report.float32WeightBytes)}`;
  const test = report.test
    ? `; test accuracy ${formatMetric(report.test.float32.accuracy)} → ${formatMetric(report.test.quantized.accuracy)}, macro-F1 ${formatMetric(report.test.float32.macroF1)} → ${formatMetric(report.test.quantized.macroF1)}`
    : report.testNote
      ? ` (${report.testNote})`
      : '';
  return `${kb(report.bundleBytes)} zip, ${share} (${weights})${test}`;
}

/** Weight precision for the downloaded bundle, with the size and test-metric change measured before download. */
export function QuantizeOptions({ value, onChange, modelId }: { value: QuantizeDtype | null; onChange: (next: QuantizeDtype | null) => void; modelId: string | null }) {
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
      <label htmlFor={id}>Weights</label>
      <select
        id={id}
        value={value ?? 'float32'}
        disabled={modelId === null}
        data-testid="quantize-select"
        onChange={(e) => onChange(e.target.value === 'float32' ? null : (e.target.value as QuantizeDtype))}
      >
        <option value="float32">float32 (full precision, with PyTorch project)</option>
        <option value="float16">float16 (half the weight bytes)</option>
        <option value="uint8">uint8 (a quarter of the weight bytes)</option>
      </select>
      {value !== null ? (
        <span className="status-line" data-testid="quantize-preview">
          {report ? describe(report) : 'Measuring size and test metrics…'}
        </span>
      ) : null}
    </span>
  );
}
