import { HearthError } from '../../../shared/errors';
import { columnNumber } from './markdownTable';
import { boundsLeft, type ParseContext } from './ParseContext';
import { readZip, relsPath, resolvePart } from './readZip';
import type { SheetGrid } from './sheetSection';
import { childElements, findElement, findElements, parseXml, textContent, type XmlElement } from './xmlTree';

const WHAT = 'spreadsheet';
/** Built-in number formats that show dates or times (ECMA-376 §18.8.30). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);
const DAY_MS = 86_400_000;
/** 1899-12-30, day 0 of the 1900 date system once Excel's phantom 29 February 1900 is accounted for. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** True when a custom number format shows a date or time: d, m, y, h or s outside quotes and [colour] codes. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmyhs]/i.test(bare) && !/^(general|@)$/i.test(bare.trim());
}

/** A date serial as the sheet shows it, roughly: "2024-03-01" or "2024-03-01 14:30". */
function formatDate(serial: number, date1904: boolean): string {
  const ms = (date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(serial * DAY_MS);
  const iso = new Date(ms).toISOString();
  return serial % 1 === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** Which cell styles (`s` attribute, an index into cellXfs) show dates. */
function dateStyles(stylesXml: string | undefined): Set<number> {
  const out = new Set<number>();
  if (stylesXml === undefined) return out;
  const styles = parseXml(stylesXml, WHAT);
  const custom = new Map(
    findElements(styles, 'numFmt').map((f) => [Number(f.attrs.numFmtId), f.attrs.formatCode ?? '']),
  );
  const cellXfs = findElement(styles, 'cellXfs');
  childElements(cellXfs ?? styles, 'xf').forEach((xf, n) => {
    const id = Number(xf.attrs.numFmtId ?? 0);
    if (DATE_FORMAT_IDS.has(id) || isDateFormat(custom.get(id) ?? '')) out.add(n);
  });
  return out;
}

/** Text of a shared or inline string: its runs, without phonetic guides (`rPh`). */
function stringText(si: XmlElement): string {
  return textContent(si, (el) => (el.name === 'rPh' ? '' : undefined));
}

/**
 * Reads an XLSX workbook's sheets (in workbook order, names from workbook.xml) into grids of displayed values:
 * shared and inline strings, numbers as stored, booleans, errors, and dates through the cell's number format.
 * Formulas count by their cached value. At most `maxRows` rows in all.
 */
export function readXlsxSheets(
  buf: Buffer,
  ctx: ParseContext,
  maxRows: number,
): { title?: string; sheets: SheetGrid[] } {
  const zip = readZip(buf, boundsLeft(ctx), WHAT, (name) => name.endsWith('.xml') || name.endsWith('.rels'));
  ctx.budget.bytesLeft -= zip.inflated;
  const workbookXml = zip.text('xl/workbook.xml');
  if (workbookXml === undefined) throw new HearthError('UNSUPPORTED_FILE', `This ${WHAT} has no workbook part.`);
  const workbook = parseXml(workbookXml, WHAT);
  const date1904 = ['1', 'true'].includes(findElement(workbook, 'workbookPr')?.attrs.date1904 ?? '');
  const relsXml = zip.text(relsPath('xl/workbook.xml'));
  const rels = new Map(
    relsXml === undefined
      ? []
      : findElements(parseXml(relsXml, WHAT), 'Relationship').map((r) => [
          r.attrs.Id ?? '',
          resolvePart('xl/workbook.xml', r.attrs.Target ?? ''),
        ]),
  );
  const sharedXml = zip.text('xl/sharedStrings.xml');
  const shared = sharedXml === undefined ? [] : findElements(parseXml(sharedXml, WHAT), 'si').map(stringText);
  const dates = dateStyles(zip.text('xl/styles.xml'));

  let rowsLeft = maxRows;
  const sheets: SheetGrid[] = [];
  for (const sheet of findElements(workbook, 'sheet')) {
    const part = rels.get(sheet.attrs['r:id'] ?? '');
    const xml = part === undefined ? undefined : zip.text(part);
    if (xml === undefined || rowsLeft <= 0) continue;
    const rows = new Map<number, Map<number, string>>();
    let nextRow = 1;
    for (const row of findElements(parseXml(xml, WHAT), 'row')) {
      if (rowsLeft-- <= 0) break;
      const r = Number(row.attrs.r) || nextRow;
      nextRow = r + 1;
      const cells = new Map<number, string>();
      let nextCol = 1;
      for (const c of childElements(row, 'c')) {
        const col = columnNumber((c.attrs.r ?? '').replace(/\d+$/, '')) || nextCol;
        nextCol = col + 1;
        const type = c.attrs.t ?? 'n';
        const v = findElement(c, 'v');
        const raw = v ? textContent(v) : '';
        let value: string;
        if (type === 's') value = shared[Number(raw)] ?? '';
        else if (type === 'inlineStr') value = stringText(findElement(c, 'is') ?? c);
        else if (type === 'b') value = raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
        else if (type === 'n' && raw !== '' && dates.has(Number(c.attrs.s)) && Number.isFinite(Number(raw))) {
          value = formatDate(Number(raw), date1904);
        } else value = raw;
        if (value.trim() !== '') cells.set(col, value);
      }
      if (cells.size > 0) rows.set(r, cells);
    }
    sheets.push({ name: sheet.attrs.name ?? `Sheet ${String(sheets.length + 1)}`, rows });
  }
  const titleXml = zip.text('docProps/core.xml');
  const title = titleXml === undefined ? undefined : textContent(findElement(parseXml(titleXml, WHAT), 'title') ?? '');
  return title ? { title, sheets } : { sheets };
}
