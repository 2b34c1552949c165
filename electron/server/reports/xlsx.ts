/**
 * A minimal Office Open XML workbook (ECMA-376 Part 1, SpreadsheetML): one sheet per table, a
 * bold heading row, inline strings, and numbers with a number format per column, zipped with
 * fflate. Enough for Excel, LibreOffice and Google Sheets to open and compute with.
 *
 * Column formats and how a value is written:
 * - `text`: an inline string (a number is written as a number, unformatted);
 * - `integer` "#,##0" (built-in 3), `decimal1` "0.0", `decimal2` "0.00" (built-in 2);
 * - `percent1` "0.0%": the value is a percentage (96.5) and is written as the fraction 0.965, so
 *   the spreadsheet shows 96.5% and computes with the true ratio;
 * - `date` "dd/mm/yyyy": the value is a calendar date YYYY-MM-DD, written as the spreadsheet's day
 *   serial (days since 1899-12-30, the 1900 date system).
 * Null is an empty cell (no data), never 0.
 */
import { strToU8, zipSync } from 'fflate';

/** A cell's value: null is an empty cell (no data). */
export type Cell = string | number | null;

export type CellFormat = 'text' | 'integer' | 'decimal1' | 'decimal2' | 'percent1' | 'date';

export interface SheetColumn {
  readonly heading: string;
  readonly format: CellFormat;
}

export interface Sheet {
  /** At most 31 characters, none of : \ / ? * [ ] (Excel's rules), unique in the workbook. */
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  readonly rows: readonly (readonly Cell[])[];
}

/** The cellXfs index of each format; 1 is the bold heading. Custom numFmt ids start at 164. */
const STYLE: Readonly<Record<CellFormat, number>> = { text: 0, integer: 2, decimal1: 3, decimal2: 4, percent1: 5, date: 6 };
const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="0.0%"/><numFmt numFmtId="166" formatCode="dd/mm/yyyy"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="7">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs></styleSheet>';

const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);

function column(i: number): string {
  let n = i + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

const inlineString = (ref: string, style: number, text: string): string =>
  `<c r="${ref}" s="${style}" t="inlineStr"><is><t xml:space="preserve">${xml(text.normalize('NFC'))}</t></is></c>`;

function cellXml(value: Cell, ref: string, format: CellFormat): string {
  if (value === null) return '';
  if (typeof value === 'string') {
    if (format === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return `<c r="${ref}" s="${STYLE.date}"><v>${Math.round((Date.parse(`${value}T00:00:00Z`) - EPOCH_1900) / DAY_MS)}</v></c>`;
    }
    return inlineString(ref, 0, value);
  }
  if (!Number.isFinite(value)) return '';
  const written = format === 'percent1' ? Number((value / 100).toPrecision(12)) : value;
  return `<c r="${ref}" s="${format === 'date' ? 0 : STYLE[format]}"><v>${written}</v></c>`;
}

function sheetXml(sheet: Sheet): string {
  const heading = `<row r="1">${sheet.columns.map((c, ci) => inlineString(`${column(ci)}1`, 1, c.heading)).join('')}</row>`;
  const body = sheet.rows
    .map((r, ri) => `<row r="${ri + 2}">${r.map((v, ci) => cellXml(v, `${column(ci)}${ri + 2}`, sheet.columns[ci]?.format ?? 'text')).join('')}</row>`)
    .join('');
  const widths = sheet.columns
    .map((c, i) => {
      const longest = Math.max(c.heading.length, ...sheet.rows.map((r) => (typeof r[i] === 'string' ? (r[i] as string).length : 8)));
      return `<col min="${i + 1}" max="${i + 1}" width="${Math.max(10, Math.min(48, longest + 2))}" customWidth="1"/>`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `${widths ? `<cols>${widths}</cols>` : ''}<sheetData>${heading}${body}</sheetData></worksheet>`
  );
}

const INVALID_SHEET_NAME = /[:\\/?*[\]]/;

/** The .xlsx bytes of one sheet named `sheetName` with `header` and `rows`, numbers unformatted. */
export function xlsxWorkbook(sheetName: string, header: readonly string[], rows: readonly (readonly Cell[])[]): Uint8Array {
  return xlsxBook([{ name: sheetName.slice(0, 31), columns: header.map((heading) => ({ heading, format: 'text' })), rows }]);
}

/** The .xlsx bytes of a workbook with one sheet per table, in order. */
export function xlsxBook(sheets: readonly Sheet[]): Uint8Array {
  if (sheets.length === 0) throw new Error('a workbook needs at least one sheet');
  const names = new Set<string>();
  for (const s of sheets) {
    if (s.name.length === 0 || s.name.length > 31 || INVALID_SHEET_NAME.test(s.name))
      throw new Error(`"${s.name}" is not a sheet name: 1–31 characters, none of : \\ / ? * [ ]`);
    if (names.has(s.name.toLowerCase())) throw new Error(`two sheets are named "${s.name}"`);
    names.add(s.name.toLowerCase());
  }
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets>${sheets.map((s, i) => `<sheet name="${xml(s.name.normalize('NFC'))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': STYLES_XML,
    ...Object.fromEntries(sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)])),
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])), { level: 6 });
}
