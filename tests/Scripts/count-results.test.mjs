// test.sh's counting, fed fabricated result files: a total must never be greener than its runs.
// Run: node --test tests/Scripts/count-results.test.mjs (test.sh runs and counts it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countFile, countTap, countTrx, countVitest } from '../../scripts/count-results.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const fixture = name => join(here, 'fixtures', name);

/** A minimal .trx around one <Counters> element. */
const trx = counters =>
  `<?xml version="1.0" encoding="utf-8"?>\n<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">\n` +
  `  <ResultSummary outcome="Completed">\n    ${counters}\n  </ResultSummary>\n</TestRun>\n`;
const counters = ({ total, executed, passed, failed, error = 0 }) =>
  `<Counters total="${total}" executed="${executed}" passed="${passed}" failed="${failed}" error="${error}" timeout="0" aborted="0" notExecuted="0" />`;
const vitest = fields => JSON.stringify({ numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, testResults: [], ...fields });
const tap = ({ tests, pass, fail = 0, cancelled = 0, skipped = 0, todo = 0 }) =>
  `TAP version 13\n1..${tests}\n# tests ${tests}\n# suites 0\n# pass ${pass}\n# fail ${fail}\n# cancelled ${cancelled}\n# skipped ${skipped}\n# todo ${todo}\n# duration_ms 12.5\n`;

const counted = ({ passed, failed, skipped }) => ({ passed, failed, skipped });
const failure = { passed: 0, failed: 1, skipped: 0 };

test('trx: a real xunit run counts its passed, failed and skipped tests', () => {
  assert.deepEqual(countFile('trx', fixture('xunit-pass-fail-skip.trx')), { passed: 1, failed: 1, skipped: 1 });
});

test('trx: errors, and executed tests that did not pass, are failures', () => {
  assert.deepEqual(countTrx(trx(counters({ total: 5, executed: 5, passed: 3, failed: 1, error: 1 }))), { passed: 3, failed: 2, skipped: 0 });
  // Inconclusive or aborted outcomes that no failure counter names are still not passes.
  assert.deepEqual(countTrx(trx(counters({ total: 4, executed: 4, passed: 2, failed: 0 }))), { passed: 2, failed: 2, skipped: 0 });
});

test('trx: missing or garbled counters count the project as failed', () => {
  for (const text of [
    '',
    'not xml at all',
    trx(''),
    trx('<Counters total="3" executed="3" failed="0" />'),
    trx('<Counters total="3" executed="3" passed="many" failed="0" />'),
    trx('<Counters total="3" executed="3" passed="" failed="0" />'),
    trx('<Counters total="3" executed="3" passed="-1" failed="0" />'),
    trx('<Counters total="3" executed="3" passed="3" failed="0" error="x" />'),
    trx(counters({ total: 2, executed: 3, passed: 3, failed: 0 })),
    trx(counters({ total: 3, executed: 3, passed: 3, failed: 0 }) + counters({ total: 1, executed: 1, passed: 1, failed: 0 })),
  ]) {
    const result = countTrx(text);
    assert.deepEqual(counted(result), failure, `for ${JSON.stringify(text)}`);
    assert.ok(result.problem, 'a reason is given');
  }
});

test('trx: a project that ran no tests, or skipped all of them, failed', () => {
  const none = countTrx(trx(counters({ total: 0, executed: 0, passed: 0, failed: 0 })));
  assert.deepEqual(counted(none), failure);
  assert.match(none.problem, /ran no tests/);
  assert.deepEqual(counted(countTrx(trx(counters({ total: 2, executed: 0, passed: 0, failed: 0 })))), failure);
});

test('vitest: a real report counts passed, failed, skipped and todo, and a file that failed to load', () => {
  // 1 passed, 1 failed test + 1 file that could not load, 1 skipped + 1 todo.
  assert.deepEqual(countFile('vitest', fixture('vitest-pass-fail-skip-broken.json')), { passed: 1, failed: 2, skipped: 2 });
});

test('vitest: an unreadable or garbled report is a failure', () => {
  const whole = readFileSync(fixture('vitest-pass-fail-skip-broken.json'), 'utf8');
  for (const text of [
    '',
    whole.slice(0, whole.length / 2),
    'null',
    '[]',
    vitest({ numPassedTests: '3' }),
    vitest({ numFailedTests: undefined }),
    vitest({ numPassedTests: -1 }),
    vitest({ numPassedTests: 1.5 }),
    vitest({ numPassedTests: 3, testResults: undefined }),
  ]) {
    const result = countVitest(text);
    assert.deepEqual(counted(result), failure, `for ${JSON.stringify(text.slice(0, 80))}`);
    assert.ok(result.problem);
  }
});

test('vitest: a run with no tests, or only skipped ones, failed', () => {
  assert.deepEqual(counted(countVitest(vitest({}))), failure);
  assert.deepEqual(counted(countVitest(vitest({ numPendingTests: 2, numTodoTests: 1 }))), failure);
});

test('tap: node:test summaries count, cancelled is failed, todo is skipped', () => {
  assert.deepEqual(countTap(tap({ tests: 7, pass: 3, fail: 1, cancelled: 1, skipped: 1, todo: 1 })), { passed: 3, failed: 2, skipped: 2 });
  assert.deepEqual(counted(countTap(tap({ tests: 0, pass: 0 }))), failure);
  assert.deepEqual(counted(countTap(tap({ tests: 3, pass: 2 }))), failure, 'a summary that does not add up');
  assert.deepEqual(counted(countTap('TAP version 13\n1..3\nok 1 - a\n')), failure, 'a report cut off before its summary');
});

test('a missing file or an unknown kind is a failure', () => {
  assert.deepEqual(counted(countFile('trx', fixture('no-such-file.trx'))), failure);
  assert.deepEqual(counted(countFile('junit', fixture('xunit-pass-fail-skip.trx'))), failure);
});

/** Runs test.sh's counting functions in bash over files written to a fresh folder. */
function runCounting(files, script) {
  const folder = mkdtempSync(join(tmpdir(), 'count-results-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    return execFileSync('bash', ['-c', `set -uo pipefail; source "$1"; cd "$2"; ${script}`, 'bash', join(root, 'scripts/count-results.sh'), folder],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
const lastLine = output => output.trimEnd().split('\n').at(-1);

test('test.sh: an unusable project is one failure and the projects after it still count', () => {
  const good = trx(counters({ total: 4, executed: 3, passed: 3, failed: 0 }));
  const output = runCounting(
    { 'A.trx': good, 'B.trx': trx('<Counters total="3" passed="x" />'), 'C.trx': good, 'D.trx': '', 'E.trx': good },
    'for p in A B C D E; do count_results trx "$p.trx" "$p" 0; done; count_results vitest missing.json vitest 0; summary');
  assert.equal(lastLine(output), '9 passed, 3 failed, 3 skipped');
  assert.match(output, /^A: 3 passed, 0 failed, 1 skipped$/m);
  assert.match(output, /^B: 0 passed, 1 failed, 0 skipped$/m);
});

test('test.sh: a project that ran no tests is a failure, not green', () => {
  const output = runCounting({ 'zero.trx': trx(counters({ total: 0, executed: 0, passed: 0, failed: 0 })) },
    'count_results trx zero.trx Zero 0; summary; [ "$failed" -eq 0 ] && echo green || echo red');
  assert.deepEqual(output.trimEnd().split('\n').slice(-2), ['0 passed, 1 failed, 0 skipped', 'red']);
});

test('test.sh: a run that exits non-zero without a failed test adds a failure', () => {
  const output = runCounting({ 'ok.trx': trx(counters({ total: 2, executed: 2, passed: 2, failed: 0 })) },
    'count_results trx ok.trx Crashed 1; summary');
  assert.equal(lastLine(output), '2 passed, 1 failed, 0 skipped');
});

test('test.sh: count refuses anything but whole numbers and keeps counting', () => {
  const output = runCounting({}, 'count 2 0; count "" ""; count 3 x; count 1; count 4 1 2; summary');
  assert.equal(lastLine(output), '6 passed, 4 failed, 2 skipped');
});

test('test.sh: the last line is what CI reads', () => {
  const output = runCounting({ 'a.trx': readFileSync(fixture('xunit-pass-fail-skip.trx'), 'utf8') },
    'count_results trx a.trx A 1; summary');
  assert.match(lastLine(output), /^\d+ passed, \d+ failed(, \d+ skipped)?$/);
  assert.equal(lastLine(output), '1 passed, 1 failed, 1 skipped');
});
