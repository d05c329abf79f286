import { readFileSync } from 'node:fs';

/**
 * The parts of a botocore `service-2.json` the shape checks read. The files
 * are the official models, copied unchanged into test/fixtures/aws-models/
 * (botocore layout) so CI needs nothing outside the repository.
 */

export interface MemberRef {
  readonly shape: string;
  /** `header`, `uri`, ...: not part of a JSON 1.1 body. */
  readonly location?: string;
}

export type ShapeType = 'structure' | 'list' | 'map' | 'string' | 'integer' | 'long' | 'double' | 'float' | 'boolean' | 'timestamp' | 'blob';

export interface ShapeDef {
  readonly type: ShapeType;
  readonly members?: Readonly<Record<string, MemberRef>>;
  readonly required?: readonly string[];
  /** A list's member. */
  readonly member?: MemberRef;
  /** A map's key and value. */
  readonly key?: MemberRef;
  readonly value?: MemberRef;
  readonly enum?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly timestampFormat?: 'iso8601' | 'unixTimestamp' | 'rfc822';
  readonly union?: boolean;
  /** A structure that is one event of an event stream. */
  readonly event?: boolean;
  /** A structure whose members are the events and exceptions of an event stream. */
  readonly eventstream?: boolean;
  readonly exception?: boolean;
}

export interface OperationDef {
  readonly name: string;
  readonly output?: MemberRef;
  readonly errors?: readonly MemberRef[];
}

interface ServiceModelFile {
  readonly metadata: { readonly protocol: string; readonly targetPrefix: string; readonly serviceId: string };
  readonly operations: Readonly<Record<string, OperationDef>>;
  readonly shapes: Readonly<Record<string, ShapeDef>>;
}

export type ModelledService = 'dms' | 'logs';

const MODEL_FILES: Readonly<Record<ModelledService, string>> = {
  dms: 'dms/2016-01-01/service-2.json',
  logs: 'logs/2014-03-28/service-2.json',
};

/** Where the fixture models live; also a valid `AWS_DATA_PATH` for an older botocore. */
export const MODELS_DIR = new URL('../fixtures/aws-models/', import.meta.url);

/**
 * Long shapes that hold epoch milliseconds. CloudWatch Logs models its times
 * (event `timestamp`, `ingestionTime`, a group's `creationTime`) as the long
 * shape `Timestamp`, not as botocore `timestamp`s, so only their name says
 * they are times.
 */
const EPOCH_MILLIS_LONGS: Readonly<Record<ModelledService, readonly string[]>> = {
  dms: [],
  logs: ['Timestamp'],
};

export class ServiceModel {
  private constructor(
    readonly service: ModelledService,
    private readonly file: ServiceModelFile,
    /** Shapes added by the tests (the common AWS error shape), looked up after the model's. */
    private readonly extraShapes: Readonly<Record<string, ShapeDef>>,
  ) {}

  static load(service: ModelledService, extraShapes: Readonly<Record<string, ShapeDef>> = {}): ServiceModel {
    const raw: unknown = JSON.parse(readFileSync(new URL(MODEL_FILES[service], MODELS_DIR), 'utf8'));
    if (typeof raw !== 'object' || raw === null || !('shapes' in raw) || !('operations' in raw) || !('metadata' in raw)) {
      throw new Error(`${MODEL_FILES[service]} is not a botocore service model`);
    }
    const file = raw as ServiceModelFile;
    // Both services speak JSON 1.1; the timestamp rules below assume it.
    if (file.metadata.protocol !== 'json') throw new Error(`${service}: expected the json protocol, got ${file.metadata.protocol}`);
    return new ServiceModel(service, file, extraShapes);
  }

  get targetPrefix(): string {
    return this.file.metadata.targetPrefix;
  }

  shape(name: string): ShapeDef {
    const shape = this.file.shapes[name] ?? this.extraShapes[name];
    if (shape === undefined) throw new Error(`${this.service}: no shape ${name} in the model`);
    return shape;
  }

  operation(name: string): OperationDef {
    const op = this.file.operations[name];
    if (op === undefined) throw new Error(`${this.service}: no operation ${name} in the model`);
    return op;
  }

  /** The operation's output shape name. */
  outputShape(operation: string): string {
    const output = this.operation(operation).output;
    if (output === undefined) throw new Error(`${this.service}: ${operation} has no output shape`);
    return output.shape;
  }

  /** The error shape names the model lists for the operation. */
  errorShapes(operation: string): readonly string[] {
    return (this.operation(operation).errors ?? []).map((e) => e.shape);
  }

  /** Whether a long shape holds epoch milliseconds (see EPOCH_MILLIS_LONGS). */
  isEpochMillis(shapeName: string): boolean {
    return EPOCH_MILLIS_LONGS[this.service].includes(shapeName);
  }
}
