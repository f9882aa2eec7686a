// Prints the one plain line CI reads: `N passed, N failed` (vitest tests plus the static checks).
// Exits non-zero when anything failed or vitest did not report.
import { existsSync, readFileSync } from 'node:fs';

const [file, staticPassed = '0', staticFailed = '0', vitestStatus = '1'] = process.argv.slice(2);
let passed = Number(staticPassed);
let failed = Number(staticFailed);
let skipped = 0;
if (file && existsSync(file)) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  if (report.numFailedTestSuites > 0 && report.numFailedTests === 0)
    failed += report.numFailedTestSuites;
} else {
  console.log('vitest wrote no report');
  failed += 1;
}
if (Number(vitestStatus) !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
