/** The one error format of the API: every 4xx and 5xx body has this shape, never a stack trace. */
export interface ErrorDetail {
  /** Dotted path of the offending field (`events.0.eventId`), or `body`, `query`, `path` when it is the whole input. */
  field: string;
  reason: string;
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
}
