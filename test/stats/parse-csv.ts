/**
 * A strict RFC 4180 reader for the tests: CRLF between records, fields quoted with `"` when
 * they hold a comma, quote or line break, `""` for a quote inside. Throws on anything else, so
 * a test that reads our CSV back also checks that it is well-formed.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const field = (): string => {
    if (text[i] !== '"') {
      const end = text.slice(i).search(/[,\r\n"]|$/);
      const value = text.slice(i, i + end);
      i += end;
      if (text[i] === '"') throw new Error(`bare quote at ${i}`);
      return value;
    }
    let value = '';
    i++;
    for (;;) {
      if (i >= text.length) throw new Error('unterminated quoted field');
      if (text[i] === '"') {
        if (text[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        i++;
        return value;
      }
      value += text[i++];
    }
  };
  while (i < text.length) {
    record.push(field());
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
      continue;
    }
    throw new Error(`expected , or CRLF at ${i}, found ${JSON.stringify(text[i])}`);
  }
  if (record.length > 0) throw new Error('last record not ended by CRLF');
  return records;
}
