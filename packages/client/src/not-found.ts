import { HireError } from './errors.js';

/**
 * `get(id)` found no record with this id: the list by id answered (code 0) without it. A HireError, but not a
 * HireApiError: the API did not fail, it just has no such record (deleted, never created, or another tenant's).
 */
export class HireNotFoundError extends HireError {
  override readonly name: string = 'HireNotFoundError';
  /** The resource asked for (`external_interview`). */
  readonly resource: string;
  /** The id asked for. */
  readonly id: string;

  /** Builds the error for the id of `resource` that was not found. */
  constructor(resource: string, id: string) {
    super(`${resource.replaceAll('_', ' ')} ${JSON.stringify(id)} not found (the list by id answered without it)`);
    this.resource = resource;
    this.id = id;
  }
}
