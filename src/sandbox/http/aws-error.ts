/**
 * An error the sandbox answers the way AWS JSON 1.1 services do: an HTTP
 * status and a body `{"__type": "<Name>", "message": "..."}`. The SDKs take
 * the error name from `__type` (src/FACTS.md: match errors on `err.name`).
 */
export class AwsError extends Error {
  override readonly name = 'AwsError';

  constructor(
    /** The `__type`, e.g. `ResourceNotFoundFault`. */
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }

  body(): { __type: string; message: string } {
    return { __type: this.type, message: this.message };
  }
}

// Constructors for the errors the sandbox sends, so their names and messages stay in one place.

export const dmsNotFound = (message: string): AwsError => new AwsError('ResourceNotFoundFault', message);

export const dmsInvalidState = (message: string): AwsError => new AwsError('InvalidResourceStateFault', message);

/** DMS answers bad values with `InvalidParameterValueException` (a common error, not in the service model). */
export const dmsInvalidParameter = (message: string): AwsError =>
  new AwsError('InvalidParameterValueException', message);

export const logsNotFound = (message: string): AwsError => new AwsError('ResourceNotFoundException', message);

export const logsInvalidParameter = (message: string): AwsError => new AwsError('InvalidParameterException', message);

/** Wrong member types and bodies that are not JSON (the JSON 1.1 protocol's own error). */
export const serializationError = (message: string): AwsError => new AwsError('SerializationException', message);

export const unknownOperation = (target: string): AwsError =>
  new AwsError('UnknownOperationException', target === '' ? 'Missing X-Amz-Target header.' : `Unknown operation ${target}.`);

export const missingAuthentication = (): AwsError =>
  new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');

export const throttled = (): AwsError => new AwsError('ThrottlingException', 'Rate exceeded');

export const internalFailure = (): AwsError =>
  new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);

export const accessDenied = (accountId: string, action: string, resource: string): AwsError =>
  new AwsError(
    'AccessDeniedException',
    `User: arn:aws:iam::${accountId}:user/sandbox is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  );
