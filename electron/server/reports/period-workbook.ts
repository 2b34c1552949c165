/**
 * The period report (period-report.ts) as an XLSX workbook, one sheet per table, with the number
 * formats of xlsx.ts: counts as integers, minutes with two decimals, TT 01 scores with one,
 * percentages as percentages, dates as dates. Every row that names a service, counter or officer
 * carries its id and its display name in separate columns. Yes/no cells are "Có"/"Không",
 * empty when not applicable.
 */
import { OFFICER_INDICES } from '../../core/tt01-scoring.ts';
import type { PeriodReport } from './period-report.ts';
import { KPI_COLUMNS, kpiCells, type Cell } from './table.ts';
import type { Sheet, SheetColumn } from './xlsx.ts';

const yesNo = (b: boolean | null): Cell => (b === null ? null : b ? 'Có' : 'Không');
const HALL_LEVEL_VI: Readonly<Record<string, string>> = {
  ministry: 'Bộ, cơ quan ngang bộ',
  central_city: 'Thành phố trực thuộc Trung ương',
  province: 'Tỉnh',
  rural: 'Nông thôn',
  remote: 'Vùng sâu, vùng xa, đặc biệt khó khăn',
};

const kpiColumns: readonly SheetColumn[] = KPI_COLUMNS.slice(1).map((c) => ({ heading: c.vi, format: c.format }));

function namedKpiSheet(name: string, idHeading: string, nameHeading: string, rows: PeriodReport['kpis']['byService']): Sheet {
  return {
    name,
    columns: [{ heading: idHeading, format: 'text' }, { heading: nameHeading, format: 'text' }, ...kpiColumns],
    rows: rows.map((r) => [r.key, r.name, ...kpiCells(r).slice(1)]),
  };
}

export function periodWorkbookSheets(r: PeriodReport): Sheet[] {
  const t = r.targets;
  const p = r.productivity;
  return [
    {
      name: 'Kỳ báo cáo',
      columns: [
        { heading: 'Đơn vị', format: 'text' },
        { heading: 'Mã cơ quan', format: 'text' },
        { heading: 'Kỳ báo cáo', format: 'text' },
        { heading: 'Từ ngày', format: 'date' },
        { heading: 'Đến ngày', format: 'date' },
        { heading: 'Mục tiêu chờ (phút)', format: 'integer' },
        { heading: 'Mục tiêu giải quyết (phút)', format: 'integer' },
        { heading: 'Mục tiêu hài lòng (%)', format: 'percent1' },
      ],
      rows: [[r.hall.name, r.hall.agencyCode, r.period.labelVi, r.period.from, r.period.to, t.waitMinutes, t.serviceMinutes, t.satisfactionPct]],
    },
    { name: 'Toàn bộ phận', columns: kpiColumns, rows: [kpiCells(r.kpis.hall).slice(1)] },
    namedKpiSheet('Theo lĩnh vực', 'Mã lĩnh vực', 'Lĩnh vực', r.kpis.byService),
    namedKpiSheet('Theo quầy', 'Mã quầy', 'Quầy', r.kpis.byCounter),
    namedKpiSheet('Theo cán bộ', 'Mã cán bộ', 'Cán bộ', r.kpis.byOfficer),
    {
      name: 'TT01 chỉ số',
      columns: [
        { heading: 'Chỉ số', format: 'integer' },
        { heading: 'Số hồ sơ có dữ liệu', format: 'integer' },
        { heading: 'Điểm', format: 'decimal1' },
      ],
      rows: r.tt01.unit.indices.map((i) => [i.index, i.dossiers, i.score]),
    },
    {
      name: 'TT01 đơn vị',
      columns: [
        { heading: 'Số hồ sơ', format: 'integer' },
        { heading: 'Số chỉ số có dữ liệu', format: 'integer' },
        { heading: 'Tổng điểm', format: 'decimal1' },
        { heading: 'Xếp loại', format: 'text' },
        { heading: 'Đủ 9 chỉ số', format: 'text' },
      ],
      rows: [[r.tt01.unit.dossiers, r.tt01.unit.scored, r.tt01.unit.total, r.tt01.unit.classificationVi, yesNo(r.tt01.unit.complete)]],
    },
    {
      name: 'TT01 cán bộ',
      columns: [
        { heading: 'Mã cán bộ', format: 'text' },
        { heading: 'Cán bộ', format: 'text' },
        { heading: 'Số hồ sơ', format: 'integer' },
        ...OFFICER_INDICES.map((i): SheetColumn => ({ heading: `Chỉ số ${i}`, format: 'decimal1' })),
        { heading: 'Tổng điểm', format: 'decimal1' },
        { heading: 'Xếp loại', format: 'text' },
      ],
      rows: r.tt01.officers.map((o) => [
        o.officerId,
        o.name,
        o.dossiers,
        ...OFFICER_INDICES.map((i) => o.indices.find((s) => s.index === i)?.score ?? null),
        o.total,
        o.classificationVi,
      ]),
    },
    {
      name: 'QĐ 468 cán bộ',
      columns: [
        { heading: 'Mã cán bộ', format: 'text' },
        { heading: 'Cán bộ', format: 'text' },
        { heading: 'Tiếp nhận trong kỳ', format: 'integer' },
        { heading: 'Tiếp nhận từ đầu năm', format: 'integer' },
        { heading: 'Dự kiến cả năm', format: 'integer' },
        { heading: 'Định mức/năm', format: 'integer' },
        { heading: 'Đạt định mức', format: 'text' },
      ],
      rows: p.officers.map((o) => [o.officerId, o.name, o.received, o.receivedYtd, o.pacePerYear, o.target, yesNo(o.met)]),
    },
    {
      name: 'QĐ 468 bộ phận',
      columns: [
        { heading: 'Cấp', format: 'text' },
        { heading: 'Định mức/cán bộ/năm', format: 'integer' },
        { heading: 'Tiếp nhận trong kỳ', format: 'integer' },
        { heading: 'Tiếp nhận từ đầu năm', format: 'integer' },
        { heading: 'Dự kiến cả năm', format: 'integer' },
        { heading: 'Cán bộ làm việc', format: 'integer' },
        { heading: 'Dự kiến/cán bộ', format: 'decimal1' },
        { heading: 'Áp dụng định mức', format: 'text' },
        { heading: 'Đạt định mức', format: 'text' },
      ],
      rows: [
        [
          HALL_LEVEL_VI[p.level] ?? p.level,
          p.target,
          p.received,
          p.receivedYtd,
          p.hallPacePerYear,
          p.officersOnDuty,
          p.pacePerOfficer,
          yesNo(p.applicable),
          yesNo(p.met),
        ],
      ],
    },
    {
      name: 'QĐ 766',
      columns: [
        { heading: 'Mã chỉ số', format: 'text' },
        { heading: 'Nhóm chỉ số', format: 'text' },
        { heading: 'Chỉ số', format: 'text' },
        { heading: 'Tử số', format: 'integer' },
        { heading: 'Mẫu số', format: 'integer' },
        { heading: 'Giá trị (%)', format: 'percent1' },
      ],
      rows: r.index766.map((i) => [i.id, i.group, i.nameVi, i.numerator, i.denominator, i.valuePct]),
    },
  ];
}
