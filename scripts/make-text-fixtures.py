#!/usr/bin/env python3
"""Builds the text-classification fixtures from Debian's package index (public, offline once fetched).

English: e2e/fixtures/text/debian-packages-en.csv — the one-line description of Debian 12 (bookworm)
main packages, labelled by archive section; 8 topical sections, 250 packages each (fewer if the
section has fewer distinct descriptions), duplicate descriptions removed so no text is in two splits.
Chinese: e2e/fixtures/text/debian-packages-zh.csv — the Simplified Chinese translations
(Translation-zh_CN, the DDTP) of package descriptions, short + long text, labelled by section; the
8 sections with the most translated packages.

Licence: package descriptions are written by Debian maintainers and upstream authors and distributed
by Debian with the packages (DFSG-free); the zh_CN translations are the Debian Description
Translation Project's, distributed with the archive.

Inputs (decompress with /usr/lib/apt/apt-helper cat-file):
  Packages  — /var/lib/apt/lists/*_bookworm_main_binary-amd64_Packages.lz4
  zh        — Translation-zh_CN, e.g. apt-get update -o Dir::State::Lists=/tmp/x/lists
              -o Acquire::Languages=zh_CN -o Acquire::IndexTargets::deb::Packages::DefaultEnabled=false
Usage: python3 scripts/make-text-fixtures.py Packages zh
"""
import csv, hashlib, re, sys

def blocks(path):
    text = open(path, encoding='utf-8').read()
    for block in text.split('\n\n'):
        fields, key = {}, None
        for line in block.split('\n'):
            m = re.match(r'^([\w-]+): ?(.*)$', line)
            if m:
                key = m.group(1); fields[key] = m.group(2)
            elif key and line.startswith(' '):
                fields[key] += '\n' + line[1:]
        if 'Package' in fields:
            yield fields

def order(name):  # deterministic, unrelated to the name's alphabet
    return hashlib.sha256(name.encode()).hexdigest()

packages, zh = sys.argv[1], sys.argv[2]
section, english = {}, {}
for f in blocks(packages):
    section[f['Package']] = f.get('Section', '').split('/')[-1]
    english[f['Package']] = f.get('Description', '').split('\n')[0].strip()

EN_SECTIONS = ['games', 'sound', 'science', 'graphics', 'net', 'mail', 'web', 'database']
rows, seen = [], set()
for s in EN_SECTIONS:
    names = sorted((p for p in section if section[p] == s), key=order)
    kept = 0
    for p in names:
        d = english[p]
        if not d or d.lower() in seen: continue
        seen.add(d.lower()); rows.append((d, s)); kept += 1
        if kept == 250: break
rows.sort(key=lambda r: order(r[0]))
with open('e2e/fixtures/text/debian-packages-en.csv', 'w', newline='', encoding='utf-8') as out:
    w = csv.writer(out); w.writerow(['description', 'section']); w.writerows(rows)
print('en', len(rows))

translated = {}
for f in blocks(zh):
    d = f.get('Description-zh_CN')
    if not d: continue
    lines = [l for l in d.split('\n') if l.strip() != '.']
    translated[f['Package']] = (lines[0].strip(), ''.join(l.strip() for l in lines[1:]))
counts = {}
for p in translated:
    if p in section: counts[section[p]] = counts.get(section[p], 0) + 1
zh_sections = sorted(counts, key=lambda s: -counts[s])[:8]
rows, seen = [], set()
for p in sorted(translated, key=order):
    s = section.get(p)
    if s not in zh_sections: continue
    short, long = translated[p]
    text = (short + '。' + long)[:300]
    if text in seen: continue
    seen.add(text); rows.append((text, s))
with open('e2e/fixtures/text/debian-packages-zh.csv', 'w', newline='', encoding='utf-8') as out:
    w = csv.writer(out); w.writerow(['描述', '分类']); w.writerows(rows)
print('zh', len(rows), zh_sections)
