#!/usr/bin/env node
// Checks seed files (data/seed/*.yaml) against the published schema and against the rules a
// schema cannot express. A dev aid for whoever edits the dataset; the kyodo CLI does its own
// validation on import. Needs ajv@8, ajv-formats@3 and yaml@2 on NODE_PATH (see README).
'use strict';
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const Ajv = require('ajv');

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'schema', 'kyodo-seed.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

const files = process.argv.slice(2).sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
if (files.length === 0) {
  console.error('usage: validate.cjs FILE.yaml …');
  process.exit(2);
}

let problems = 0;
const report = (file, line, message) => {
  problems++;
  console.log(`${file}:${line ?? '?'}: ${message}`);
};

// ids seen so far across files: id -> {file, kind, municipality, budgetYears?}
const ids = new Map();

// Fiscal year text -> Gregorian start year (the service's rules, for range checks only).
function fiscalYear(text) {
  const t = String(text).replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[ＨＲＳ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  let m = /^(平成|令和|昭和|H|R|S)(\d{1,2}|元)(年度)?$/.exec(t);
  if (m) {
    const n = m[2] === '元' ? 1 : Number(m[2]);
    return { 平成: 1988, H: 1988, 令和: 2018, R: 2018, 昭和: 1925, S: 1925 }[m[1]] + n;
  }
  m = /^(\d{4})(年度)?$/.exec(t);
  return m ? Number(m[1]) : NaN;
}

function yen(text) {
  const t = String(text).replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[,，¥￥ ]/g, '');
  const m = /^(\d+(?:\.\d+)?)(千円|万円|円)?$/.exec(t);
  if (!m) return NaN;
  const factor = m[2] === '千円' ? 1000 : m[2] === '万円' ? 10000 : 1;
  return Math.round(Number(m[1]) * factor);
}

const decimal = (v) => Number(String(v).replace(/[,，]/g, ''));

for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, uniqueKeys: true });
  const lineOf = (segments) => {
    let node = doc.getIn(segments, true);
    for (let n = segments.length; (node == null || node.range == null) && n > 0; n--) node = doc.getIn(segments.slice(0, n - 1), true);
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  };
  for (const e of doc.errors) report(file, e.linePos?.[0]?.line, `YAML: ${e.message}`);
  if (doc.errors.length) continue;
  // Anchors and aliases would hide which line a value comes from; the format forbids them.
  YAML.visit(doc, {
    Alias(_, node) {
      report(file, node.range ? lineCounter.linePos(node.range[0]).line : undefined, `alias *${node.source}: write the value out (no anchors/aliases)`);
    },
  });
  const data = doc.toJS();

  if (!validate(data)) {
    for (const e of validate.errors) {
      const segments = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
      const extra = e.params?.additionalProperty ? ` '${e.params.additionalProperty}'` : e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : '';
      report(file, lineOf(segments), `${e.instancePath || '/'} ${e.message}${extra}`);
    }
    continue;
  }

  const municipality = data.municipality.code;
  const claim = (id, kind, at, extra = {}) => {
    if (ids.has(id)) report(file, lineOf(at), `id '${id}' is already used in ${ids.get(id).file}`);
    else ids.set(id, { file, kind, municipality, ...extra });
  };

  (data.plans ?? []).forEach((plan, p) => {
    claim(plan.id, 'plan', ['plans', p, 'id']);
    const start = fiscalYear(plan.period.start);
    const end = fiscalYear(plan.period.end);
    if (!(start <= end)) report(file, lineOf(['plans', p, 'period']), 'period.start is after period.end');
    const paths = new Set();
    const walk = (nodes, prefix, at) => {
      const seen = new Set();
      nodes.forEach((n, i) => {
        if (seen.has(n.code)) report(file, lineOf([...at, i, 'code']), `node code '${n.code}' printed twice under the same parent`);
        seen.add(n.code);
        const key = [...prefix, n.code].join('\u0001');
        paths.add(key);
        walk(n.children ?? [], [...prefix, n.code], [...at, i, 'children']);
      });
    };
    walk(plan.nodes, [], ['plans', p, 'nodes']);
    plan.items.forEach((item, i) => {
      const at = ['plans', p, 'items', i];
      claim(item.id, 'item', [...at, 'id']);
      const placed = new Set();
      item.placements.forEach((pl, k) => {
        const key = pl.node_path.join('\u0001');
        if (!paths.has(key)) report(file, lineOf([...at, 'placements', k, 'node_path']), `no node ${pl.node_path.join(' › ')} in plan '${plan.id}'`);
        if (placed.has(key)) report(file, lineOf([...at, 'placements', k]), 'lists the same node twice');
        placed.add(key);
      });
      if (item.target_other && !(item.target_stakeholders ?? []).includes('other'))
        report(file, lineOf([...at, 'target_other']), "target_other needs 'other' in target_stakeholders");
      (item.schedule ?? []).forEach((row, r) => {
        const years = new Set();
        row.cells.forEach((c, k) => {
          const y = fiscalYear(c.fiscal_year);
          if (years.has(y)) report(file, lineOf([...at, 'schedule', r, 'cells', k]), `fiscal year ${c.fiscal_year} twice in one row`);
          years.add(y);
          if (!(y >= start && y <= end)) report(file, lineOf([...at, 'schedule', r, 'cells', k]), `${c.fiscal_year} is outside the plan period`);
        });
      });
      (item.indicators ?? []).forEach((ind, k) => {
        const iat = [...at, 'indicators', k];
        for (const list of ['targets', 'actuals']) {
          const years = new Set();
          (ind[list] ?? []).forEach((v, j) => {
            const y = fiscalYear(v.fiscal_year);
            if (years.has(y)) report(file, lineOf([...iat, list, j]), `${list}: fiscal year ${v.fiscal_year} twice`);
            years.add(y);
          });
        }
        const lastRevision = new Map();
        (ind.revisions ?? []).forEach((r) => lastRevision.set(fiscalYear(r.fiscal_year), r));
        lastRevision.forEach((r, y) => {
          const t = (ind.targets ?? []).find((x) => fiscalYear(x.fiscal_year) === y);
          if (!t || decimal(t.value) !== decimal(r.value))
            report(file, lineOf([...iat, 'revisions']), `revision of ${r.fiscal_year} gives ${r.value} but targets give ${t ? t.value : 'nothing'}`);
        });
      });
    });
  });

  (data.budget_sheets ?? []).forEach((sheet, s) => {
    const ref = ids.get(sheet.item);
    if (!ref || ref.kind !== 'item') report(file, lineOf(['budget_sheets', s, 'item']), `no item '${sheet.item}' in this or an earlier file`);
    else if (ref.municipality !== municipality) report(file, lineOf(['budget_sheets', s, 'item']), `item '${sheet.item}' belongs to another municipality`);
    else {
      ref.budgetYears ??= new Set();
    }
    const years = new Set();
    sheet.years.forEach((y, k) => {
      const at = ['budget_sheets', s, 'years', k];
      const fy = fiscalYear(y.fiscal_year);
      if (years.has(fy)) report(file, lineOf(at), `fiscal year ${y.fiscal_year} twice`);
      years.add(fy);
      ref?.budgetYears?.add(fy);
      const sum = yen(y.national_prefectural) + yen(y.local_bond) + yen(y.other) + yen(y.general_revenue);
      if (sum !== yen(y.cost)) report(file, lineOf([...at, 'cost']), `cost ${y.cost} is not the sum of its sources (${sum} yen)`);
    });
  });

  const goalKeys = new Set();
  (data.priority_goals ?? []).forEach((g, i) => {
    const key = `${g.department}\u0001${fiscalYear(g.fiscal_year)}\u0001${g.position}`;
    if (goalKeys.has(key)) report(file, lineOf(['priority_goals', i, 'position']), `goal ${g.position} of ${g.department} ${g.fiscal_year} given twice`);
    goalKeys.add(key);
  });

  (data.subsidy_programs ?? []).forEach((prog, p) => {
    claim(prog.id, 'program', ['subsidy_programs', p, 'id']);
    const courses = new Set(prog.courses.map((c) => c.name));
    if (courses.size !== prog.courses.length) report(file, lineOf(['subsidy_programs', p, 'courses']), 'a course name is given twice');
    (prog.budget_lines ?? []).forEach((bl, k) => {
      const ref = ids.get(bl.item);
      const at = ['subsidy_programs', p, 'budget_lines', k];
      if (!ref || ref.kind !== 'item' || ref.municipality !== municipality) report(file, lineOf([...at, 'item']), `no item '${bl.item}' of this municipality in this or an earlier file`);
      else if (!ref.budgetYears?.has(fiscalYear(bl.fiscal_year))) report(file, lineOf(at), `item '${bl.item}' has no budget line in ${bl.fiscal_year}`);
    });
    (prog.results ?? []).forEach((r, k) => {
      const at = ['subsidy_programs', p, 'results', k];
      if (r.course !== undefined && !courses.has(r.course)) report(file, lineOf([...at, 'course']), `no course '${r.course}' in this program`);
      if (r.applications !== undefined && r.awards !== undefined && r.awards > r.applications) report(file, lineOf(at), 'more awards than applications');
      if (r.awards_new !== undefined && r.awards_continuing !== undefined && r.awards !== undefined && r.awards_new + r.awards_continuing !== r.awards)
        report(file, lineOf(at), 'awards_new + awards_continuing differ from awards');
      const course = prog.courses.find((c) => c.name === r.course);
      if (course?.cap && r.awards && r.awarded_amount && yen(r.awarded_amount) > r.awards * yen(course.cap))
        report(file, lineOf([...at, 'awarded_amount']), `awarded ${r.awarded_amount} is above ${r.awards} × cap ${course.cap}`);
      if ((r.awards_new === undefined) !== (r.awards_continuing === undefined)) report(file, lineOf(at), 'awards_new and awards_continuing come together');
    });
    // A totals row (no course, several courses) must say what its year's course rows add up to.
    const courseOf = (r) => r.course ?? (prog.courses.length === 1 ? prog.courses[0].name : undefined);
    (prog.results ?? []).forEach((total, k) => {
      if (courseOf(total) !== undefined) return;
      const rows = (prog.results ?? []).filter((r) => courseOf(r) !== undefined && fiscalYear(r.fiscal_year) === fiscalYear(total.fiscal_year));
      const figures = {
        awards: (r) => r.awards ?? 0,
        applications: (r) => r.applications ?? r.awards ?? 0,
        awarded_amount: (r) => (r.awarded_amount === undefined ? 0 : yen(r.awarded_amount)),
        awards_new: (r) => r.awards_new ?? 0,
        awards_continuing: (r) => r.awards_continuing ?? 0,
      };
      for (const [key, figure] of Object.entries(figures)) {
        if (total[key] === undefined) continue;
        const printed = key === 'awarded_amount' ? yen(total[key]) : total[key];
        const sum = rows.reduce((s, r) => s + figure(r), 0);
        if (printed !== sum) report(file, lineOf(['subsidy_programs', p, 'results', k, key]), `total ${total[key]} is not the sum of the course rows (${sum})`);
      }
    });
  });
}

console.log(problems === 0 ? `${files.length} file(s) valid` : `${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
