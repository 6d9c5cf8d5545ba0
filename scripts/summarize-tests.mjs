// Adds up the suites' results into one closing line, and fails the run when a
// suite skipped tests or ran none: a skipped suite counts as a failed one.
import { readFileSync } from 'node:fs';

const [ctestLog, jestJson] = process.argv.slice(2);
const problems = [];

const ctest = readFileSync(ctestLog, 'utf8').match(/tests passed, (\d+) tests failed out of (\d+)/);
if (!ctest) problems.push('ctest printed no summary');
const ctestTotal = ctest ? Number(ctest[2]) : 0;
const ctestFailed = ctest ? Number(ctest[1]) : 0;
if (/\*\*\*Skipped|Not Run/.test(readFileSync(ctestLog, 'utf8'))) problems.push('ctest skipped tests');

const jest = JSON.parse(readFileSync(jestJson, 'utf8'));
const jestSkipped = jest.numPendingTests + jest.numTodoTests;
if (jestSkipped > 0) problems.push(`jest skipped ${jestSkipped} tests`);
if (jest.numTotalTests === 0) problems.push('jest ran no test');
if (jest.numRuntimeErrorTestSuites > 0) problems.push(`${jest.numRuntimeErrorTestSuites} jest suites failed to run`);

const passed = ctestTotal - ctestFailed + jest.numPassedTests;
const failed = ctestFailed + jest.numFailedTests;
console.log(`\nC++ (ctest): ${ctestTotal - ctestFailed}/${ctestTotal}; JS (jest): ${jest.numPassedTests}/${jest.numTotalTests} in ${jest.numTotalTestSuites} suites`);
for (const problem of problems) console.log(`problem: ${problem}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || problems.length > 0 ? 1 : 0);
