/** The legend under a plain SVG chart: a swatch (line with its dash pattern, or a block) and a name per series. */
export function ChartLegend({ entries }: { entries: readonly { name: string; color: string; dash?: string; bar?: boolean }[] }) {
  return (
    <ul className="revenue-legend">
      {entries.map((e) => (
        <li key={e.name}>
          <svg width="24" height="12" aria-hidden="true">
            {e.bar ? <rect x="4" y="1" width="16" height="10" fill={e.color} /> : <line x1="0" x2="24" y1="6" y2="6" stroke={e.color} strokeWidth="2" strokeDasharray={e.dash} />}
          </svg>
          {e.name}
        </li>
      ))}
    </ul>
  );
}
