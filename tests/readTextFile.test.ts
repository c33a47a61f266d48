/**
 * Candidate files, standards and mappings are read by their byte-order mark: UTF-8 with or without one, and
 * UTF-16 LE or BE (Windows Notepad's "Unicode"), which read as UTF-8 would be a NUL between every two characters.
 * Bytes that do not decode are located by line and column, never read as U+FFFD into a name.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMapping } from '../src/hr/loadMapping.js';
import { loadCandidates } from '../src/candidate/loadCandidate.js';
import { readText } from '../src/cli/options.js';
import { InputError } from '../src/input/diagnostic.js';
import { readTextFile } from '../src/input/readTextFile.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { loadStandard } from '../src/standard/loadStandard.js';

const dir = mkdtempSync(join(tmpdir(), 'itss-readtext-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const saved = {
  'utf-8': (text: string) => Buffer.from(text, 'utf8'),
  'utf-8 with BOM': (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
  'utf-16le': (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
  'utf-16be': (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
};
const write = (name: string, bytes: Buffer) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
};
const candidate = 'id: E1\r\nname: 山田 花子\r\nengagements:\r\n  - specialty: 運用管理\r\n    role: リーダ\r\n    from: 2020-04\r\n';

describe('reading a text file by its byte-order mark', () => {
  it.each(Object.entries(saved))('%s: a candidate file reads as its text', (name, encode) => {
    const file = write(`c-${name}.yaml`, encode(candidate));
    const read = readTextFile(file);
    expect(read).toMatchObject({ text: candidate, undecodable: [] });
    const loaded = loadCandidates(readText(file), file, builtinStandard());
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.candidates.map((c) => [c.id, c.name])).toEqual([['E1', '山田 花子']]);
  });

  it('a mapping and a tailored standard saved as UTF-16 load as their UTF-8 originals do', () => {
    const mapping = readFileSync('examples/hr-mapping/mapping.yaml', 'utf8');
    expect(loadMapping(readText(write('mapping.yaml', saved['utf-16le'](mapping))), 'mapping.yaml')).toEqual(loadMapping(mapping, 'mapping.yaml'));
    const standard = readFileSync('data/itss-v3-itsm.yaml', 'utf8');
    expect(loadStandard(readText(write('standard.yaml', saved['utf-16be'](standard))), 's.yaml')).toEqual(loadStandard(standard, 's.yaml'));
  });

  it('locates each line with bytes that do not decode (lines ending at LF, CRLF or CR), at its first such character', () => {
    const bytes = Buffer.concat([Buffer.from('id: E1\r\nname: 山田'), Buffer.from([0x89, 0xd4]), Buffer.from('\rtitle: ok\ntitle: '), Buffer.from([0xff]), Buffer.from('\n')]);
    const read = readTextFile(write('bad.yaml', bytes));
    expect(read.undecodable).toEqual([
      { line: 2, column: 9, value: 'name: 山田\uFFFD\uFFFD' },
      { line: 4, column: 8, value: 'title: \uFFFD' },
    ]);
    try {
      readText(join(dir, 'bad.yaml'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).diagnostics).toMatchObject([
        { code: 'bad-encoding', line: 2, column: 9, encoding: 'utf-8' },
        { code: 'bad-encoding', line: 4, column: 8, encoding: 'utf-8' },
      ]);
    }
  });

  it('UTF-16 with a lone surrogate or an odd byte at the end: located', () => {
    const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id: E1\nname: ', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('x\n', 'utf16le'), Buffer.from([0x41])]);
    expect(readTextFile(write('lone.yaml', lone)).undecodable).toEqual([
      { line: 2, column: 7, value: 'name: \uFFFDx' },
      { line: 3, column: 1, value: '\uFFFD' },
    ]);
  });
});
