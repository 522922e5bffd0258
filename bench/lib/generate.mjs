// Deterministic benchmark data: the same bytes on every run and machine.
import { createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createRandom as random } from '../../scripts/lib/random.mjs';

async function writeLines(path, header, rows, makeRow) {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    buffer += `${makeRow(i)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

const CITIES = ['Lisbon', 'Oslo', 'Nairobi', 'Lima', 'Osaka', 'Quebec', 'Perth', 'Tunis'];
const PLANS = ['free', 'basic', 'pro', 'team', 'enterprise'];

/** ~`megabytes` MB of mixed numeric + categorical CSV (13 columns). */
export async function ingestCsv(path, megabytes) {
  const rowsPerMb = 1e6 / 86;
  const rows = Math.round(megabytes * rowsPerMb);
  if (existsSync(path) && Math.abs(statSync(path).size / 1e6 - megabytes) < megabytes * 0.1) return { path, rows: null };
  const next = random(1);
  await writeLines(path, 'id,age,income,score,ratio,visits,tenure,balance,latitude,longitude,city,plan,churned', rows, (i) => {
    const age = 18 + Math.floor(next() * 60);
    const income = (20000 + next() * 90000).toFixed(2);
    return [
      i + 1,
      age,
      income,
      (next() * 100).toFixed(3),
      next().toFixed(5),
      Math.floor(next() * 50),
      (next() * 10).toFixed(1),
      (next() * 1e5 - 2e4).toFixed(2),
      (next() * 180 - 90).toFixed(4),
      (next() * 360 - 180).toFixed(4),
      CITIES[Math.floor(next() * CITIES.length)],
      PLANS[Math.floor(next() * PLANS.length)],
      next() < 0.3 ? 'yes' : 'no',
    ].join(',');
  });
  return { path, rows };
}

/** A learnable binary task with 32 numeric features (a noisy non-linear rule). */
export async function tabularCsv(path, rows) {
  const next = random(2);
  const header = [...Array.from({ length: 32 }, (_, i) => `f${i}`), 'label'].join(',');
  await writeLines(path, header, rows, () => {
    const x = Array.from({ length: 32 }, () => next() * 2 - 1);
    const signal = x[0] * x[1] + Math.sin(3 * x[2]) + x[3] - 0.5 * x[4] * x[4] + 0.3 * (next() - 0.5);
    return [...x.map((v) => v.toFixed(5)), signal > 0 ? 'pos' : 'neg'].join(',');
  });
  return path;
}
