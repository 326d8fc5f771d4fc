/**
 * An invalid_request a person can reach in a browser and that deserves its own heading rather than
 * "Something went wrong" — e.g. reloading an authorization that already finished. API clients still
 * get the plain RFC error body; errorHandler.ts uses the heading only when it renders HTML.
 */
import { InvalidRequest } from '../errors/wireErrors.ts';

export class PageError extends InvalidRequest {
  readonly heading: string;

  constructor(heading: string, description: string) {
    super(description);
    this.heading = heading;
  }
}
