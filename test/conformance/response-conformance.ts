import type { SandboxResponseRecord } from '../../src/sandbox/index.js';
import type { ModelledService, ShapeDef } from './service-model.js';
import { ServiceModel } from './service-model.js';
import type { ShapeProblem } from './shape-validator.js';
import { validateShape } from './shape-validator.js';

/**
 * Errors every AWS JSON service can answer that the service models do not
 * list per operation. Each is checked against COMMON_ERROR_SHAPE.
 */
export const COMMON_AWS_ERRORS: readonly string[] = [
  // HTTP 500 for a server-side failure (the sandbox's `serverErrors` fault).
  'InternalFailure',
  // AWS's common throttling error; the DMS model lists no throttling shape (`throttleEvery`).
  'ThrottlingException',
  // An IAM deny (`denyActions`). Logs lists it only for StartLiveTail; DMS's own AccessDeniedFault is for other cases.
  'AccessDeniedException',
  // A request without an Authorization header.
  'MissingAuthenticationTokenException',
  // An X-Amz-Target the service does not know.
  'UnknownOperationException',
  // A body that is not JSON, or a member of the wrong JSON type.
  'SerializationException',
  // DMS's validation error for bad values (MaxRecords range, filter names, markers, start types).
  'InvalidParameterValueException',
];

const COMMON_ERROR_SHAPE_NAME = 'CommonAwsError';

/** The allowlist shape for COMMON_AWS_ERRORS: `{__type: string, message: string}`, both required. */
const COMMON_ERROR_SHAPE: ShapeDef = {
  type: 'structure',
  required: ['__type', 'message'],
  members: { __type: { shape: 'CommonAwsErrorString' }, message: { shape: 'CommonAwsErrorString' } },
};

const EXTRA_SHAPES: Readonly<Record<string, ShapeDef>> = {
  [COMMON_ERROR_SHAPE_NAME]: COMMON_ERROR_SHAPE,
  CommonAwsErrorString: { type: 'string' },
};

const models: Partial<Record<ModelledService, ServiceModel>> = {};

export function modelOf(service: ModelledService): ServiceModel {
  return (models[service] ??= ServiceModel.load(service, EXTRA_SHAPES));
}

/** Checks one response body or Live Tail frame the sandbox sent against the official model. */
export function checkResponse(record: SandboxResponseRecord): ShapeProblem[] {
  switch (record.kind) {
    case 'output': {
      const model = modelOf(record.service);
      return validateShape(model, model.outputShape(record.operation), record.body);
    }
    case 'error':
      return checkErrorBody(record.service, record.operation, record.status, record.body);
    case 'event':
    case 'exception':
      return checkStreamFrame(modelOf(record.service), record.operation, record.kind, record.member, record.body);
  }
}

/**
 * A JSON 1.1 error body: `__type` names the error (botocore and the JS SDK
 * drop any `namespace#` before it) and `message` is the protocol's message
 * member, read whether or not the shape declares it. The rest must fit the
 * error shape the model lists for the operation, or the common-error shape.
 */
function checkErrorBody(service: ModelledService | undefined, operation: string, status: number, body: Record<string, unknown>): ShapeProblem[] {
  const problem = (message: string): ShapeProblem[] => [{ path: '$', shape: '(error body)', kind: 'type', message }];
  const type = body.__type;
  if (typeof type !== 'string') return problem('an error body needs a string __type');
  const name = type.slice(type.indexOf('#') + 1);
  const model = service === undefined ? undefined : modelOf(service);
  if (model?.errorShapes(operation).includes(name) === true) {
    const shape = model.shape(name);
    if (shape.exception !== true) return problem(`${name} is not an exception shape`);
    const { __type: _type, message, ...rest } = body;
    const problems = validateShape(model, name, shape.members?.message === undefined ? rest : { ...rest, message });
    if (typeof message !== 'string') problems.push(...problem(`${name}: the message member must be a string`));
    if (status < 400 || status > 599) problems.push(...problem(`${name} sent with HTTP ${status}`));
    return problems;
  }
  if (COMMON_AWS_ERRORS.includes(name)) {
    // Both models carry the allowlist shape; an unknown target has no service, so either will do.
    const problems = validateShape(model ?? modelOf('dms'), COMMON_ERROR_SHAPE_NAME, body);
    const expected = name === 'InternalFailure' ? 500 : 400;
    if (status !== expected) problems.push(...problem(`${name} sent with HTTP ${status}, expected ${expected}`));
    return problems;
  }
  return problem(`${name} is neither an error the ${service ?? '(unknown)'} model lists for ${operation} nor a common AWS error`);
}

/**
 * One event-stream frame of an operation whose output has an event-stream
 * member. `initial-response` carries the output structure without the
 * stream; an event is a member of the stream shape marked `event`, an
 * exception frame one marked `exception`, each with its member shape as payload.
 */
function checkStreamFrame(model: ServiceModel, operation: string, kind: 'event' | 'exception', member: string, body: Record<string, unknown>): ShapeProblem[] {
  const outputName = model.outputShape(operation);
  const problem = (message: string): ShapeProblem[] => [{ path: '$', shape: outputName, kind: 'event-stream', message }];
  if (kind === 'event' && member === 'initial-response') return validateShape(model, outputName, body);
  const streamRef = Object.values(model.shape(outputName).members ?? {}).find((m) => model.shape(m.shape).eventstream === true);
  if (streamRef === undefined) return problem(`${operation}'s output has no event stream`);
  const ref = model.shape(streamRef.shape).members?.[member];
  if (ref === undefined) return problem(`${member} is not a member of the event stream ${streamRef.shape}`);
  const target = model.shape(ref.shape);
  if (kind === 'event' && target.event !== true) return problem(`${member} is not an event of ${streamRef.shape}`);
  if (kind === 'exception' && target.exception !== true) return problem(`${member} is not an exception of ${streamRef.shape}`);
  return validateShape(model, ref.shape, body);
}

