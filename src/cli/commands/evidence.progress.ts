import type {
  CloudTrailImportReport,
  ImportProgress,
} from '../../integrations/aws/cloudtrail/cloudtrail.import.js';

const rate = (p: ImportProgress): string =>
  p.records_per_second === null ? '-' : `${Math.round(p.records_per_second).toLocaleString('en')}/s`;

/** `files 3/10  records 12,000  inserted 11,950  duplicates 50  failed 0  9,800/s  trail.json.gz` */
export function progressLine(p: ImportProgress): string {
  const n = (value: number) => value.toLocaleString('en');
  const file = p.current_file.split('/').at(-1) ?? p.current_file;
  return `files ${p.files_done}/${p.files_total}  records ${n(p.records)}  inserted ${n(p.inserted)}  duplicates ${n(p.duplicates)}  failed ${p.failed_files}  ${rate(p)}  ${file}`;
}

export function importSummary(report: CloudTrailImportReport, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const perSecond = seconds > 0 ? Math.round(report.records / seconds).toLocaleString('en') : '-';
  const failed =
    report.failed_files > 0
      ? `; ${report.failed_files} file${report.failed_files === 1 ? '' : 's'} failed and wrote nothing`
      : '';
  return `imported ${report.files.length} files: ${report.records} records, ${report.inserted} inserted, ${report.duplicates} duplicates in ${seconds.toFixed(1)} s (${perSecond} records/s)${failed}`;
}
