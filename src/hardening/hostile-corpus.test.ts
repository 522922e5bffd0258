import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeNotebookLink } from '../notebook/share/link-codec';
import { readImageHeader } from '../data/images/image-headers';
import { parseCsvBlob } from '../data/csv/parse-csv';
import { hostileCsvs, hostileLinks, lyingGif } from './hostile-corpus';

const base = JSON.parse(readFileSync(new URL('../notebook/fixtures/v1-breast-cancer.json', import.meta.url), 'utf8')) as Parameters<typeof hostileLinks>[0];

describe('hostile corpus against the validators', () => {
  it.each(hostileLinks(base).map((l) => [l.name, l] as const))('link: %s', (_name, link) => {
    const decoded = decodeNotebookLink(link.fragment);
    if (link.expect === 'refused') expect(decoded.ok, decoded.ok ? 'accepted' : decoded.message).toBe(false);
    else expect(decoded.ok, decoded.ok ? '' : decoded.message).toBe(true);
    if (link.expect === 'model-dropped' && decoded.ok) expect(decoded.value.trainedModel).toBeNull();
    if (link.name.startsWith('image caps') && decoded.ok) expect(decoded.value.images.maxTotalBytes).toBeLessThanOrEqual(2 ** 31);
  });

  it('a GIF whose frame is larger than its screen is sized by its frame', () => {
    const header = readImageHeader(lyingGif());
    expect(header.header).toMatchObject({ format: 'gif', width: 60_000, height: 60_000 });
  });

  it.each(
    hostileCsvs()
      .filter((f) => f.name !== 'binary.csv')
      .map((f) => [f.name, f] as const),
  )('csv: %s parses', async (_name, file) => {
    const parsed = await parseCsvBlob(new Blob([new Uint8Array(file.bytes)]), { fileName: file.name });
    expect(parsed.table.rowCount).toBeGreaterThan(0);
  });
});

describe('hostile CSVs: the encoding each is detected as', () => {
  it.each(
    hostileCsvs()
      .filter((f) => f.encoding)
      .map((f) => [f.name, f] as const),
  )('%s', async (_name, file) => {
    const parsed = await parseCsvBlob(new Blob([new Uint8Array(file.bytes)]), { fileName: file.name });
    expect(parsed.encoding).toBe(file.encoding);
  });
});
