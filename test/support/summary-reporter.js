/**
 * Prints one plain closing line, "N passed, N failed, N skipped", that any CI log reader understands
 * (Jest's own summary says "Tests: 5 passed, 5 total"), preceded by every skipped test's full name: a skipped
 * test must say why, and its name carries the reason (Jest drops the console output of a file whose tests were
 * all skipped, and lists no test names in a non-verbose run).
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skippedNames = results.testResults.flatMap((file) => file.testResults.filter((t) => t.status === 'pending' || t.status === 'todo').map((t) => t.fullName));
    for (const name of skippedNames) process.stdout.write(`\nskipped: ${name}`);
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
module.exports = SummaryReporter;
