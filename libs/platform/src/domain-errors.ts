// Typed errors domain code throws; the service's exception filter turns them into HTTP answers.
// Plain TypeScript: domain modules import this without importing Nest.

export interface Problem {
  field: string;
  problem: string;
  /** A stable name of the problem for programs (`inverted_range`), beside the words for people. */
  code?: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input breaks a rule: 400 with every problem named. */
export class InvalidInput extends DomainError {
  readonly status = 400;
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.field}: ${p.problem}`).join('; '));
  }
}

export class NotFound extends DomainError {
  readonly status = 404;
  constructor(what: string, id: string) {
    super(`${what} ${id} was not found`);
  }
}

/** The thing exists but is not in a state that allows this. */
export class Conflict extends DomainError {
  readonly status = 409;
}
