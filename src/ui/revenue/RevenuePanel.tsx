import { useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import {
  DEFAULT_CONVERSION_PERCENT,
  buildRevenueView,
  buildRevenueModelView,
  priceFromRegression,
  periodUnitName,
  PERIOD_UNITS,
  type ConfusionMatrix,
  type GrowthMode,
  type PeriodUnit,
  type RegressionPriceSource,
  type RevenueInputs,
  type ScenarioOverrides,
  type SensitivityMetric,
} from '../../revenue';
import { SelectField } from '../common/SelectField';
import { TextField } from '../common/TextField';
import { ModelTieIn } from './ModelTieIn';
import { PriceFromModel } from './PriceFromModel';
import { CaptionedTable } from '../common/CaptionedTable';
import { RevenueChart, SERIES } from './RevenueChart';
import { ScenarioCards } from './ScenarioCards';
import { TornadoChart } from './TornadoChart';
import { downloadBlob, downloadText, serializeChartSvg, svgToPngBlob } from './download';
import './revenue.css';
import { AfterStartup } from '../startup/AfterStartup';
import { useLocale, useT } from '../../i18n/locale';

export interface RevenuePanelProps {
  value: RevenueInputs;
  onChange: (next: RevenueInputs) => void;
  model?: ConfusionMatrix | null;
  /** A regression model's test predictions, offered as P (see priceFromRegression). */
  price?: RegressionPriceSource | null;
}

const UNIT_OPTIONS = PERIOD_UNITS.map((u) => ({ value: u, label: periodUnitName(u) }));
const SCENARIO_FIELDS: readonly { key: keyof ScenarioOverrides; label: string }[] = [
  { key: 'customers', label: 'customers (N)' },
  { key: 'price', label: 'price (P)' },
  { key: 'growth', label: 'growth' },
  { key: 'churn', label: 'churn (%)' },
];

/**
 * Revenue projection R = N × P × T with growth, churn, scenarios and a
 * tornado chart. Controlled: every edit goes out through onChange with the
 * raw text, and all numbers shown come from the domain view model.
 */
export function RevenuePanel({ value, onChange, model = null, price = null }: RevenuePanelProps) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  // Projections of up to 1,200 periods × ~20 variants are recomputed off the typing path.
  const deferred = useDeferredValue(value);
  // The projection depends on the inputs only; a new training result recomputes just the model tie-in (the
  // projection and its charts took 130–200 ms of a result's main-thread time, issue 19).
  const base = useMemo(() => buildRevenueView(deferred, null, locale), [deferred, locale]);
  // Deferred too: a document arriving with its results (a link) is a synchronous store update, and the tie-in
  // view of a 1,000-class matrix (validating and summing 10^6 cells) joined that task (issue 13). Opening a link
  // remounts the panel, and on mount useDeferredValue returns its value at once, so in a page the first render has
  // no tie-in and the deferred one computes it in a task of its own (a 1,000-class link: ~270 ms traced, round 7).
  // Server markup (the unit tests) has no second render and shows the tie-in directly.
  const deferredModel = useDeferredValue(model, typeof document === 'undefined' ? model : null);
  const modelView = useMemo(() => (deferredModel ? buildRevenueModelView(deferredModel, deferred, locale) : null), [deferredModel, deferred, locale]);
  const view = useMemo(() => ({ ...base, model: modelView }), [base, modelView]);
  const priceOffer = useMemo(() => (price ? priceFromRegression(price) : null), [price]);
  const chartRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('');
  // Which metric the tornado ranks by is a viewing choice, not part of the model inputs.
  const [metric, setMetric] = useState<SensitivityMetric>('revenue');
  const e = view.fieldErrors;
  const r = view.result;
  const tornado = r ? r.tornado[metric] : null;
  const set = (patch: Partial<RevenueInputs>) => onChange({ ...value, ...patch });
  const unit = periodUnitName(value.periodUnit);
  const growthMode = value.growth?.mode ?? 'percent';

  const setOverride = (which: 'low' | 'high', key: keyof ScenarioOverrides, text: string) => set({ scenarios: { ...value.scenarios, [which]: { ...value.scenarios[which], [key]: text } } });

  const exportSvg = () => {
    if (!r || !chartRef.current) return null;
    return serializeChartSvg(
      chartRef.current,
      `Cumulative revenue, cost and profit (${r.parsed.currency})`,
      SERIES.map((s) => ({ name: t(s.name), color: s.color, dash: s.dash })),
    );
  };
  const onDownloadCsv = () => {
    if (!r) return;
    downloadText(r.csv(), `${r.fileBaseName}.csv`, 'text/csv');
    setStatus('CSV downloaded.');
  };
  const onDownloadSvg = () => {
    const svg = exportSvg();
    if (!svg || !r) {
      setStatus(t('revenue.chartNotDrawn'));
      return;
    }
    downloadText(svg.svg, `${r.fileBaseName}.svg`, 'image/svg+xml');
    setStatus('SVG downloaded.');
  };
  const onDownloadPng = () => {
    const svg = exportSvg();
    if (!svg || !r) {
      setStatus(t('revenue.chartNotDrawn'));
      return;
    }
    const name = `${r.fileBaseName}.png`;
    svgToPngBlob(svg).then(
      (blob) => {
        downloadBlob(blob, name);
        setStatus('PNG downloaded.');
      },
      (err: unknown) => setStatus(`PNG export failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  };

  return (
    <div className="revenue-panel">
      <form className="revenue-inputs" aria-label={t('revenue.inputs')} onSubmit={(ev) => ev.preventDefault()} noValidate>
        <div className="revenue-grid">
          <TextField id={`${id}-customers`} label={t('revenue.customers')} value={value.customers} onChange={(customers) => set({ customers })} error={e.customers} />
          <TextField id={`${id}-price`} label={t('revenue.price', { unit })} value={value.price} onChange={(price) => set({ price })} error={e.price} />
          <TextField
            id={`${id}-periods`}
            label={t('revenue.periods', { units: periodUnitName(value.periodUnit, 2) })}
            value={value.periods}
            onChange={(periods) => set({ periods })}
            error={e.periods}
            inputMode="numeric"
          />
          <TextField
            id={`${id}-currency`}
            label={t('revenue.currency')}
            value={value.currency}
            onChange={(currency) => set({ currency })}
            error={e.currency}
            inputMode="text"
            className="field-narrow"
          />
          <SelectField<PeriodUnit> id={`${id}-unit`} label={t('revenue.period')} value={value.periodUnit} options={UNIT_OPTIONS} onChange={(periodUnit) => set({ periodUnit })} error={e.periodUnit} />
        </div>

        <fieldset className="revenue-growth">
          <legend>{t('revenue.growthPer', { unit })}</legend>
          <div className="revenue-radios" role="radiogroup" aria-label={t('revenue.growthMode')}>
            {(
              [
                ['percent', '% of current customers'],
                ['absolute', 'new customers'],
              ] as const satisfies readonly (readonly [GrowthMode, string])[]
            ).map(([mode, label]) => (
              <label key={mode}>
                <input type="radio" name={`${id}-growth-mode`} value={mode} checked={growthMode === mode} onChange={() => set({ growth: { ...value.growth, mode } })} /> {label}
              </label>
            ))}
          </div>
          {e['growth.mode'] ? <p className="field-error">{e['growth.mode']}</p> : null}
          <TextField
            id={`${id}-growth`}
            label={growthMode === 'percent' ? t('revenue.growthPercent', { unit }) : t('revenue.newCustomers', { unit })}
            value={value.growth?.value ?? ''}
            onChange={(v) => set({ growth: { ...value.growth, value: v } })}
            error={e.growth}
          />
        </fieldset>

        <div className="revenue-grid">
          <TextField id={`${id}-churn`} label={t('revenue.churn', { unit })} value={value.churn} onChange={(churn) => set({ churn })} error={e.churn} />
          <TextField id={`${id}-price-change`} label={t('revenue.priceChange', { unit })} value={value.priceChange} onChange={(priceChange) => set({ priceChange })} error={e.priceChange} />
          <TextField id={`${id}-cost`} label={t('revenue.cost', { unit })} value={value.cost} onChange={(cost) => set({ cost })} error={e.cost} />
          <TextField
            id={`${id}-locale`}
            label={t('revenue.locale')}
            value={value.locale ?? ''}
            onChange={(locale) => set({ locale })}
            error={e.locale}
            inputMode="text"
            placeholder="browser default"
          />
        </div>
        <p className="field-hint">{t('revenue.decimalsHint')}</p>
      </form>

      <section className="revenue-result" aria-labelledby={`${id}-result-heading`}>
        <h3 id={`${id}-result-heading`}>{t('revenue.projected')}</h3>
        {r ? (
          <>
            <p className="revenue-total">
              R = <strong data-testid="revenue-total">{r.total}</strong>
            </p>
            <p className="revenue-formula" data-testid="revenue-formula">
              {r.formula}
            </p>
            <p className="revenue-subtotals">{t('revenue.costProfit', { cost: r.totalCost, profit: r.totalProfit })}</p>
          </>
        ) : (
          <div className="revenue-invalid" role="status">
            {e.total ? <p className="field-error">{e.total}</p> : null}
            <p>
              {view.errors.some((err) => err.field !== 'total') ? t('revenue.fixInputs') : ''}
              {t('revenue.keptAsTyped')}
            </p>
          </div>
        )}
      </section>

      {r ? (
        <>
          <section className="revenue-section" aria-labelledby={`${id}-chart-heading`}>
            <h3 id={`${id}-chart-heading`}>{t('revenue.chartHeading')}</h3>
            <p id={`${id}-chart-desc`} className="field-hint">
              {r.chartDescription}
            </p>
            {/* Each chart commits in its own turn after start-up (plain SVG since round 7: recharts' first mount was the start-up's longest task). */}
            <AfterStartup placeholder={<div style={{ height: 320 }} />}>
              <RevenueChart ref={chartRef} data={r.chart} unitLabel={r.unitTitle} descriptionId={`${id}-chart-desc`} formatAxis={r.formatAxisMoney} formatValue={r.formatMoneyValue} />
            </AfterStartup>
            <div className="revenue-actions">
              <button type="button" className="button" onClick={onDownloadCsv}>
                Download CSV
              </button>
              <button type="button" className="button" onClick={onDownloadSvg}>
                Download chart as SVG
              </button>
              <button type="button" className="button" onClick={onDownloadPng}>
                Download chart as PNG
              </button>
            </div>
            <p className="revenue-status" role="status">
              {status}
            </p>
          </section>

          <section className="revenue-section" aria-labelledby={`${id}-scenarios-heading`}>
            <h3 id={`${id}-scenarios-heading`}>{t('revenue.scenarios')}</h3>
            <ScenarioCards cards={r.scenarios} />
          </section>
        </>
      ) : null}

      <details className="revenue-overrides">
        <summary>{t('revenue.assumptions')}</summary>
        {(['low', 'high'] as const).map((which) => (
          <fieldset key={which}>
            <legend>{t('revenue.scenario', { which: which === 'low' ? t('revenue.low') : t('revenue.high') })}</legend>
            <div className="revenue-grid">
              {SCENARIO_FIELDS.map((f) => (
                <TextField
                  key={f.key}
                  id={`${id}-${which}-${f.key}`}
                  label={`${which === 'low' ? 'Low' : 'High'} ${f.label}`}
                  value={value.scenarios?.[which]?.[f.key] ?? ''}
                  onChange={(text) => setOverride(which, f.key, text)}
                  error={e[`scenarios.${which}.${f.key}`]}
                  placeholder="default"
                />
              ))}
            </div>
          </fieldset>
        ))}
        <p className="field-hint">Defaults: low = 80% of N, half the growth, 1.5× churn; high = 120% of N, 1.5× the growth, half the churn; price unchanged.</p>
      </details>

      <section className="revenue-section" aria-labelledby={`${id}-tornado-heading`}>
        <h3 id={`${id}-tornado-heading`}>{t('revenue.tornado')}</h3>
        <div className="revenue-grid">
          <TextField
            id={`${id}-sensitivity`}
            label={t('revenue.vary')}
            value={value.sensitivityPercent ?? ''}
            onChange={(sensitivityPercent) => set({ sensitivityPercent })}
            error={e.sensitivityPercent}
            placeholder="20"
            className="field-narrow"
          />
          <fieldset className="revenue-radios-fieldset">
            <legend>{t('revenue.rankBy')}</legend>
            <div className="revenue-radios">
              {(['revenue', 'profit'] as const).map((m) => (
                <label key={m}>
                  <input type="radio" name={`${id}-tornado-metric`} value={m} checked={metric === m} onChange={() => setMetric(m)} /> total {m}
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        {tornado ? (
          <>
            <p id={`${id}-tornado-desc`} className="field-hint">
              {tornado.caption}. Base {tornado.metric} {tornado.base}. Bars show the change from base, largest effect first; the table below lists the values.
            </p>
            <AfterStartup placeholder={<div style={{ height: Math.max(200, tornado.rows.length * 44 + 60) }} />}>
              <TornadoChart rows={tornado.rows} percent={tornado.percent} descriptionId={`${id}-tornado-desc`} formatAxis={r?.formatAxisMoney ?? String} formatValue={r?.formatMoneyValue ?? String} />
            </AfterStartup>
            <CaptionedTable
              caption={tornado.caption}
              headers={['Input', 'Lowered to', 'Raised to', 'Revenue (lowered)', 'Revenue (raised)', 'Profit (lowered)', 'Profit (raised)', 'Step']}
              rows={tornado.rows.map((t) => [t.label, t.low, t.high, t.revenueLow, t.revenueHigh, t.profitLow, t.profitHigh, t.step])}
            />
          </>
        ) : null}
      </section>

      {priceOffer ? (
        <PriceFromModel
          idPrefix={id}
          offer={priceOffer}
          onUse={(p, scenario) =>
            set({
              price: p,
              ...(scenario ? { scenarios: { low: { ...value.scenarios.low, price: scenario.low }, high: { ...value.scenarios.high, price: scenario.high } } } : {}),
            })
          }
        />
      ) : null}

      {view.model ? (
        <ModelTieIn
          idPrefix={id}
          view={view.model}
          onLinkChange={(link) => set({ model: link })}
          onUseAsN={(customers) =>
            set({
              customers,
              model: value.model ?? {
                classLabel: view.model?.classLabel ?? '',
                conversionRate: DEFAULT_CONVERSION_PERCENT,
                populationScale: '1',
              },
            })
          }
        />
      ) : null}

      {r ? (
        <section className="revenue-section" aria-labelledby={`${id}-table-heading`}>
          <h3 id={`${id}-table-heading`}>{t('revenue.every', { unit })}</h3>
          <CaptionedTable caption={r.table.caption} headers={r.table.headers} rows={r.table.rows} />
        </section>
      ) : null}
    </div>
  );
}
