// Adds up the suites' results into one closing line, and fails the run when a
// suite skipped tests or ran none: a skipped suite counts as a failed one.
import { readFileSync } from 'node:fs';

// The last argument is Jest's JSON, unless --no-jest says the run had no Jest tier.
const args = process.argv.slice(2);
const withJest = args[0] !== '--no-jest';
if (!withJest) args.shift();
const jestJson = withJest ? args.pop() : null;
const problems = [];

// Every ctest log (the GoogleTest suite, the fuzz runs) must end in a summary; so
// must the log of the GoogleTest binary run directly (the cpp tier).
let ctestTotal = 0;
let ctestFailed = 0;
for (const log of args) {
  const text = readFileSync(log, 'utf8');
  const summary = text.match(/tests passed, (\d+) tests failed out of (\d+)/);
  const gtest = text.match(/\[==========\] (\d+) tests? from .* ran/);
  if (summary) {
    ctestFailed += Number(summary[1]);
    ctestTotal += Number(summary[2]);
  } else if (gtest) {
    ctestTotal += Number(gtest[1]);
    // A filter (the cpp and slow tiers) that matches nothing must not pass for a run.
    if (Number(gtest[1]) === 0) problems.push(`${log}: GoogleTest ran no test`);
    ctestFailed += Number(text.match(/\[  FAILED  \] (\d+) tests?, listed below/)?.[1] ?? 0);
    if (/\[  SKIPPED \]|YOU HAVE \d+ DISABLED/.test(text)) problems.push(`${log}: GoogleTest skipped tests`);
  } else {
    problems.push(`${log}: ctest printed no summary`);
  }
  if (/\*\*\*Skipped|Not Run/.test(text)) problems.push(`${log}: ctest skipped tests`);
}
const fuzzExecutions = args.map((log) => readFileSync(log, 'utf8'))
  .flatMap((text) => [...text.matchAll(/number_of_executed_units: (\d+)/g)].map((m) => Number(m[1])));

const noJest = { numPendingTests: 0, numTodoTests: 0, numTotalTests: 0, numRuntimeErrorTestSuites: 0, numPassedTests: 0, numFailedTests: 0, numTotalTestSuites: 0 };
let jest = noJest;
if (withJest) {
  try {
    jest = JSON.parse(readFileSync(jestJson, 'utf8'));
  } catch (error) {
    problems.push(`jest wrote no results (${error.code ?? error.message})`);
  }
}
const jestSkipped = jest.numPendingTests + jest.numTodoTests;
if (jestSkipped > 0) problems.push(`jest skipped ${jestSkipped} tests`);
if (withJest && jest.numTotalTests === 0) problems.push('jest ran no test');
if (!withJest && ctestTotal === 0) problems.push('ctest ran no test');
if (jest.numRuntimeErrorTestSuites > 0) problems.push(`${jest.numRuntimeErrorTestSuites} jest suites failed to run`);

const passed = ctestTotal - ctestFailed + jest.numPassedTests;
const failed = ctestFailed + jest.numFailedTests;
console.log(`\nC++ (ctest): ${ctestTotal - ctestFailed}/${ctestTotal}, with ${fuzzExecutions.length} fuzz runs of ${fuzzExecutions.reduce((a, b) => a + b, 0)} executions; JS (jest): ${jest.numPassedTests}/${jest.numTotalTests} in ${jest.numTotalTestSuites} suites`);
for (const problem of problems) console.log(`problem: ${problem}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
