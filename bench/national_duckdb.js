// national_duckdb.js — the DuckDB anchor of bench/national.sh (npm
// @duckdb/node-api). Two steps:
//   node national_duckdb.js load DATADIR DUCKDB_FILE
//       loads the generated CSVs (org.csv, REGISTER-YEAR.csv, aid_due.csv)
//       into DuckDB tables with fazhi's column names, choice codes and money
//       in fen, plus empty tables for the registers the data set leaves out;
//   node national_duckdb.js query DUCKDB_FILE RUNS SQLFILE…
//       runs each (already substituted) SQL file RUNS times in this process
//       and prints one JSON line per file: {"file", "ms": [...], "rows": [[name, value, den]…]}.
// Times are of the query alone (the process, the database and DuckDB's
// threads are up already): the anchor at its most favourable.
'use strict';
const fs = require('fs');
const path = require('path');
const { DuckDBInstance } = require('@duckdb/node-api');

const RESULT = `CASE result WHEN '调解成功' THEN 'resolved' WHEN '调解不成' THEN 'failed'
  WHEN '终止' THEN 'terminated' WHEN '调解中' THEN 'pending' END`;

// Each register: its CSV columns (in file order) and the table built from them.
const REGISTERS = {
  dispute: {
    cols: { org: 'VARCHAR', case_no: 'VARCHAR', category: 'VARCHAR', received: 'DATE',
      parties: 'INTEGER', summary: 'VARCHAR', amount: 'DECIMAL(18,2)', result: 'VARCHAR',
      agreement: 'VARCHAR', closed: 'DATE' },
    select: `org, case_no, category, received, parties, summary,
      CAST(amount * 100 AS BIGINT) AS amount, ${RESULT} AS result, agreement, closed`,
  },
  aid_case: {
    cols: { org: 'VARCHAR', case_no: 'VARCHAR', applicant: 'VARCHAR', id_number: 'VARCHAR',
      category: 'VARCHAR', matter: 'VARCHAR', accepted: 'DATE', decided: 'DATE',
      assigned: 'DATE', lawyer: 'VARCHAR', closed: 'DATE', recovered: 'DECIMAL(18,2)' },
    select: `org, case_no, applicant, id_number, category, matter, accepted, decided,
      assigned, lawyer, closed, CAST(recovered * 100 AS BIGINT) AS recovered`,
  },
  consultation: {
    cols: { org: 'VARCHAR', date: 'DATE', channel: 'VARCHAR', count: 'BIGINT' },
    select: 'org, date, channel, count',
  },
  activity: {
    cols: { org: 'VARCHAR', date: 'DATE', title: 'VARCHAR', theme: 'VARCHAR',
      place: 'VARCHAR', audience: 'BIGINT' },
    select: 'org, date, title, theme, place, audience',
  },
  screening: {
    cols: { org: 'VARCHAR', date: 'DATE', times: 'BIGINT', found: 'BIGINT' },
    select: 'org, date, times, found',
  },
  aid_document: {
    cols: { org: 'VARCHAR', date: 'DATE', doc_type: 'VARCHAR', count: 'BIGINT' },
    select: 'org, date, doc_type, count',
  },
};

// The registers the benchmark leaves empty, with the columns national.sql reads.
const EMPTY = [
  'cleanup_item(id BIGINT, campaign BIGINT, outcome VARCHAR, voided INTEGER)',
  'cleanup_campaign(id BIGINT, org VARCHAR, completed DATE, voided INTEGER)',
  'culture_site(org VARCHAR, built DATE, voided INTEGER)',
  'enf_event(org VARCHAR, date DATE, kind VARCHAR, units BIGINT, voided INTEGER)',
  'exam(org VARCHAR, date DATE, voided INTEGER)',
  'literate_class(org VARCHAR, date DATE, trainees BIGINT, voided INTEGER)',
  'litigation(org VARCHAR, filed DATE, hearing INTEGER, head_appeared INTEGER, outcome VARCHAR, voided INTEGER)',
  'media_episode(org VARCHAR, series VARCHAR, recorded DATE, aired DATE, views BIGINT, voided INTEGER)',
  'normdoc_review(org VARCHAR, kind VARCHAR, reviewed DATE, voided INTEGER)',
  'officer(id BIGINT, org VARCHAR, status VARCHAR, voided INTEGER)',
  'reconsideration(org VARCHAR, received DATE, acceptance VARCHAR, closed DATE, voided INTEGER)',
  'task(org VARCHAR, due DATE, status VARCHAR, voided INTEGER)',
  'training(id BIGINT, date DATE, voided INTEGER)',
  'training_attendance(training BIGINT, officer BIGINT, voided INTEGER)',
  'decision(id BIGINT)',
  'enf_case(id BIGINT)',
];

const q = (s) => `'${s.replace(/'/g, "''")}'`;
const colSpec = (cols) => '{' + Object.entries(cols).map(([k, v]) => `${q(k)}: ${q(v)}`).join(', ') + '}';

async function load(dir, file) {
  for (const f of [file, file + '.wal']) fs.rmSync(f, { force: true });
  const db = await DuckDBInstance.create(file);
  const c = await db.connect();
  await c.run(`CREATE TABLE org_unit AS SELECT * FROM read_csv(${q(path.join(dir, 'org.csv'))},
    header = true, columns = {'code': 'VARCHAR', 'parent': 'VARCHAR', 'kind': 'VARCHAR', 'name': 'VARCHAR'})`);
  await c.run(`CREATE TABLE aid_due AS SELECT * FROM read_csv(${q(path.join(dir, 'aid_due.csv'))},
    header = true, columns = {'start': 'DATE', 'decide_by': 'DATE', 'assign_by': 'DATE'})`);
  const files = fs.readdirSync(dir).sort();
  for (const [reg, r] of Object.entries(REGISTERS)) {
    const mine = files.filter((f) => f.startsWith(reg + '-') && f.endsWith('.csv'))
      .map((f) => q(path.join(dir, f)));
    await c.run(`CREATE TABLE ${reg} AS SELECT ${r.select}, 0 AS voided
      FROM read_csv([${mine.join(', ')}], header = true, columns = ${colSpec(r.cols)})`);
  }
  for (const t of EMPTY) await c.run(`CREATE TABLE ${t}`);
  await c.run('CHECKPOINT');
  c.closeSync();
}

async function query(file, runs, sqlFiles) {
  const db = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const c = await db.connect();
  for (const f of sqlFiles) {
    const sql = fs.readFileSync(f, 'utf8');
    const ms = [];
    let rows;
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      const r = await c.runAndReadAll(sql);
      rows = r.getRows();
      ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    console.log(JSON.stringify({ file: f, ms, rows: rows.map((x) => x.map(String)) }));
  }
  c.closeSync();
}

const [cmd, ...args] = process.argv.slice(2);
(cmd === 'load' ? load(args[0], args[1]) : query(args[0], Number(args[1]), args.slice(2)))
  .catch((e) => { console.error(e); process.exit(1); });
