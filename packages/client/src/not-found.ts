/**
 * `externalInterviews.get(id)` found no interview with this id: the batch query answered (code 0) without it. Not a
 * HireApiError: the API did not fail, it just has no such interview (deleted, never created, or another tenant's).
 */
export class HireNotFoundError extends Error {
  override readonly name = 'HireNotFoundError';
  /** The id asked for. */
  readonly externalInterviewId: string;

  /** Builds the error for the id that was not found. */
  constructor(externalInterviewId: string) {
    super(`external interview ${JSON.stringify(externalInterviewId)} not found (the batch query by id answered without it)`);
    this.externalInterviewId = externalInterviewId;
  }
}
