// The valid cases whose response semantics say they cannot prove anything (src/semantics.js), with the reason each
// states: they are skipped in every run, never passed.
export const EXPECTED_SKIPS = Object.freeze({
  'batchQueryExternalInterviews.valid.minimal': /no source says what a query with neither/,
  'deleteExternalInterview.valid.example:parameters': /would delete the interview given with --interview-id/,
});
/** Their case ids, sorted. */
export const SKIPPED = Object.keys(EXPECTED_SKIPS).sort();
