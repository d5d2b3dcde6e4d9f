import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.js';
import { actionsToCsv, parseActionsCsv } from './action-csv.js';
import { alice, bob, buildAction, buildActionInput } from './action.fixtures.js';
import { recordProgress, verify } from './action.lifecycle.js';
import { parseCsv } from './csv.rfc4180.js';

function csvError(text: string): DomainError {
  try {
    parseActionsCsv(text);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected csv_invalid');
}

describe('parseCsv', () => {
  it('handles quotes, embedded commas, quotes and line breaks, CRLF and a BOM', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\n,,\n"",plain,\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['', '', ''],
      ['', 'plain', ''],
    ]);
  });

  it('accepts a last record without a line end and skips blank lines', () => {
    expect(parseCsv('a,b\n\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('names the line of an unterminated quote or a stray quote', () => {
    expect(() => parseCsv('a\n"open,b\nc')).toThrow('line 2: a quoted field is never closed');
    expect(() => parseCsv('a,b\nx"y,z')).toThrow('line 2: a quote inside an unquoted field');
    expect(() => parseCsv('"a"b')).toThrow('line 1: unexpected character after a closing quote');
  });
});

describe('actions CSV', () => {
  it('round-trips actions with awkward text through export and import', () => {
    const tricky = buildAction({
      title: 'Rotate keys, then "verify"',
      description: 'Line one\nLine two, with comma',
      incident_ids: ['INC-2026-0042', 'INC-2026-0107'],
      lesson_id: 'LES-000003',
      owner: { kind: 'team', id: 'platform-sre' },
      risk_reduction: 5,
      feasibility: 1,
    });
    const done = verify(
      recordProgress(
        buildAction({}, 'ACT-000002'),
        { progress: 100 },
        alice,
        new Date('2026-11-21T00:00:00Z'),
      ),
      { evidence_kind: 'test', evidence: 'ci' },
      bob,
      new Date('2026-11-22T00:00:00Z'),
    );
    const csv = actionsToCsv([tricky, done]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,title,description,type,category,owner,due_date,priority,risk_reduction,feasibility,success_criteria,' +
        'incident_ids,lesson_id,priority_score,status,progress,wont_do_reason,completed_at,verified_at,verified_by',
    );
    expect(lines[1]).toBe(
      'ACT-000001,"Rotate keys, then ""verify""","Line one\nLine two, with comma",detective,monitoring,' +
        'team:platform-sre,2026-12-01,High,5,1,A test login pages on-call within 5 minutes,' +
        'INC-2026-0042;INC-2026-0107,LES-000003,67,open,0,,,,',
    );
    expect(csv).toContain(
      'ACT-000002,Alert on root-account console logins,CloudTrail → EventBridge rule → on-call page,detective,monitoring,' +
        'user:alice,2026-12-01,High,4,3,A test login pages on-call within 5 minutes,INC-2026-0042,,67,verified,100,,' +
        '2026-11-21T00:00:00.000Z,2026-11-22T00:00:00.000Z,bob\r\n',
    );
    const { rows } = parseActionsCsv(csv);
    expect(rows).toEqual([
      buildActionInput({
        title: tricky.title,
        description: tricky.description,
        incident_ids: tricky.incident_ids,
        lesson_id: 'LES-000003',
        owner: tricky.owner,
        risk_reduction: 5,
        feasibility: 1,
      }),
      buildActionInput(),
    ]);
  });

  it('defuses spreadsheet formulas on export and restores the text on import', () => {
    const risky = buildAction({
      title: '=HYPERLINK("http://evil","x")',
      description: '-1+2',
      category: '@ops',
    });
    const csv = actionsToCsv([risky]);
    expect(csv.split('\r\n')[1]).toMatch(
      /^ACT-000001,"'=HYPERLINK\(""http:\/\/evil"",""x""\)",'-1\+2,detective,'@ops,/,
    );
    const [row] = parseActionsCsv(csv).rows;
    expect([row?.title, row?.description, row?.category]).toEqual([
      '=HYPERLINK("http://evil","x")',
      '-1+2',
      '@ops',
    ]);
  });

  it('reports every bad row and field of a malformed file, and imports nothing', () => {
    const text = [
      'title,type,category,owner,due_date,priority,risk_reduction,feasibility,success_criteria,incident_ids',
      'Good one,preventive,iam,user:alice,2026-12-01,High,4,3,SCP denies it,INC-2026-0001',
      'Bad date,preventive,iam,user:alice,2026-13-45,High,4,3,works,INC-2026-0001',
      ',curative,iam,alice,2026-12-01,Urgent,9,x,works,INC-26-1',
      'Short row,preventive',
      'Fine,corrective,net,team:sre,2027-01-31,Low,1,5,done,INC-2026-0002;INC-2026-0003',
    ].join('\n');
    const e = csvError(text);
    expect(e.code).toBe('csv_invalid');
    expect(e.kind).toBe('invalid');
    expect(e.details).toEqual([
      { path: 'row 3, due_date', problem: 'must be a date in the form YYYY-MM-DD' },
      { path: 'row 4, incident_ids[0]', problem: 'must look like INC-YYYY-NNNN, e.g. INC-2024-0042' },
      { path: 'row 4, title', problem: 'must not be empty' },
      {
        path: 'row 4, type',
        problem: 'Invalid option: expected one of "detective"|"preventive"|"corrective"',
      },
      { path: 'row 4, owner', problem: 'must be user:<id> or team:<id>' },
      {
        path: 'row 4, priority',
        problem: 'Invalid option: expected one of "Critical"|"High"|"Medium"|"Low"',
      },
      { path: 'row 4, risk_reduction', problem: 'must be a whole number from 1 to 5' },
      { path: 'row 4, feasibility', problem: 'Invalid input: expected number, received string' },
      { path: 'row 5', problem: 'has 2 fields, the header has 10' },
    ]);
    expect(e.message).toMatch(
      /^3 of 5 rows are invalid; nothing was imported: row 3, due_date: must be a date/,
    );
  });

  it('refuses a file without the required columns or without any row', () => {
    const e = csvError('title,owner\nx,user:a\n');
    expect(e.message).toBe(
      'the header row lacks type, category, due_date, priority, risk_reduction, feasibility, success_criteria, incident_ids',
    );
    expect(csvError('').message).toBe('the CSV file is empty; it needs a header row');
  });
});
