#!/usr/bin/env node
// Reads one suite's result file and prints "passed failed skipped" on one line, for test.sh.
//   node scripts/count-results.mjs <trx|vitest|tap> <file>
// A file it cannot read, counters that are missing or do not add up, or a suite that ran no
// test count as one failure (with the reason on stderr), never as a silent zero: the total
// that CI reads must not be greener than the runs behind it.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const wholeNumber = /^\d+$/;

/** A result that counts as one failure, with the reason to print. */
const unusable = problem => ({ passed: 0, failed: 1, skipped: 0, problem });

/** Guards every parser: a suite that executed nothing proves nothing. */
function checked({ passed, failed, skipped }) {
  if (passed + failed === 0) {
    return unusable(skipped > 0 ? `ran no tests (${skipped} skipped)` : 'ran no tests');
  }
  return { passed, failed, skipped };
}

/** VSTest's .trx: the single <Counters> element of its <ResultSummary>. */
export function countTrx(text) {
  const elements = text.match(/<Counters\b[^>]*>/g) ?? [];
  if (elements.length !== 1) return unusable(`expected one <Counters> element, found ${elements.length}`);
  const attributes = new Map();
  for (const [, name, value] of elements[0].matchAll(/\s([A-Za-z]+)="([^"]*)"/g)) attributes.set(name, value);

  const read = (name, required) => {
    const value = attributes.get(name);
    if (value === undefined) return required ? Number.NaN : 0;
    return wholeNumber.test(value) ? Number(value) : Number.NaN;
  };
  const counters = {};
  for (const name of ['total', 'executed', 'passed', 'failed']) counters[name] = read(name, true);
  for (const name of ['error', 'timeout', 'aborted']) counters[name] = read(name, false);
  const garbled = Object.entries(counters).filter(([, value]) => Number.isNaN(value)).map(([name]) => name);
  if (garbled.length > 0) return unusable(`missing or garbled counters: ${garbled.join(', ')}`);

  const { total, executed, passed } = counters;
  if (passed > executed || executed > total) {
    return unusable(`counters do not add up (total ${total}, executed ${executed}, passed ${passed})`);
  }
  // An executed test that did not pass failed, whatever the outcome is called (error,
  // timeout, aborted, inconclusive). xunit's skipped tests are the ones never executed.
  const failed = Math.max(counters.failed + counters.error + counters.timeout + counters.aborted, executed - passed);
  return checked({ passed, failed, skipped: total - executed });
}

/** vitest's JSON reporter. */
export function countVitest(text) {
  let report;
  try {
    report = JSON.parse(text);
  } catch (error) {
    return unusable(`not JSON (${error.message})`);
  }
  const fields = ['numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests'];
  const garbled = fields.filter(name => !Number.isSafeInteger(report?.[name]) || report[name] < 0);
  if (garbled.length > 0) return unusable(`missing or garbled counters: ${garbled.join(', ')}`);
  if (!Array.isArray(report.testResults)) return unusable('no testResults');

  // A test file that fails to load has no failed test, only a failed file: count it too.
  const broken = report.testResults.filter(file =>
    file?.status === 'failed' && !(file.assertionResults ?? []).some(test => test?.status === 'failed')).length;
  return checked({
    passed: report.numPassedTests,
    failed: report.numFailedTests + broken,
    skipped: report.numPendingTests + report.numTodoTests,
  });
}

/** The summary comments that node:test's TAP reporter ends with. */
export function countTap(text) {
  const summary = new Map();
  for (const [, name, value] of text.matchAll(/^# (tests|pass|fail|cancelled|skipped|todo) (\S+)$/gm)) summary.set(name, value);
  const names = ['tests', 'pass', 'fail', 'cancelled', 'skipped', 'todo'];
  const garbled = names.filter(name => !wholeNumber.test(summary.get(name) ?? ''));
  if (garbled.length > 0) return unusable(`missing or garbled summary: ${garbled.join(', ')}`);
  const [tests, pass, fail, cancelled, skipped, todo] = names.map(name => Number(summary.get(name)));
  if (pass + fail + cancelled + skipped + todo !== tests) return unusable(`summary does not add up to ${tests} tests`);
  return checked({ passed: pass, failed: fail + cancelled, skipped: skipped + todo });
}

const parsers = { trx: countTrx, vitest: countVitest, tap: countTap };

/** The result of one file; a file that cannot be read is a failure too. */
export function countFile(kind, path) {
  const parse = parsers[kind];
  if (!parse) return unusable(`unknown result kind '${kind}' (expected ${Object.keys(parsers).join(', ')})`);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return unusable(`cannot read it (${error.code ?? error.message})`);
  }
  return parse(text);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [kind, path] = process.argv.slice(2);
  const result = countFile(kind, path);
  if (result.problem) console.error(`count-results: ${path}: ${result.problem}; counted as 1 failed`);
  console.log(`${result.passed} ${result.failed} ${result.skipped}`);
}
