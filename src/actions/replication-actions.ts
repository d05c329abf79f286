/**
 * Start and stop, sent safely: one confirmed action is exactly one API
 * call however often it is asked (a double key press, a retry from the UI),
 * its outcome becomes an `action` event, and a poll follows at once so the
 * new status shows without waiting for the cadence. The SDK client for
 * actions makes one attempt (`src/aws/clients.ts`): a lost answer is
 * reported, never resent.
 */
import type { DmsApi } from '../aws/apis.js';
import { describeAwsError, type AwsErrorContext, type AwsErrorInfo, type IamAction } from '../aws/errors.js';
import type { ActionName, DmsEvent, ReplicationSnapshot } from '../events/types.js';
import { toReplicationSnapshot } from '../parse/replication.js';
import type { Clock } from '../sources/clock.js';
import { actionEvent } from './action-event.js';
import type { StartType } from './action-rules.js';

export interface ReplicationActionsOptions {
  readonly dms: DmsApi;
  readonly configArn: string;
  /** The name shown in events (ReplicationConfigIdentifier). */
  readonly label?: string;
  readonly clock: Clock;
  readonly sink: (events: readonly DmsEvent[]) => void;
  /** Polled at once after each action. */
  readonly poller?: { pollNow(): void };
  readonly context?: Omit<AwsErrorContext, 'action'>;
}

export type ActionResult =
  | { readonly outcome: 'succeeded'; readonly name: ActionName; readonly startType?: StartType; readonly snapshot?: ReplicationSnapshot }
  | { readonly outcome: 'failed'; readonly name: ActionName; readonly startType?: StartType; readonly error: AwsErrorInfo };

interface InFlight {
  readonly key: string;
  readonly result: Promise<ActionResult>;
}

export class ReplicationActions {
  private current: InFlight | undefined;

  constructor(private readonly options: ReplicationActionsOptions) {}

  /** True while an action's call is out. */
  get busy(): boolean {
    return this.current !== undefined;
  }

  /**
   * StartReplication with `type`. Asked again while the call is out, it
   * returns the same result without a second call. Never rejects.
   */
  start(type: StartType): Promise<ActionResult> {
    return this.run('start', type);
  }

  /** StopReplication; the same once-only rule. Never rejects. */
  stop(): Promise<ActionResult> {
    return this.run('stop', undefined);
  }

  private run(name: ActionName, startType: StartType | undefined): Promise<ActionResult> {
    const key = `${name}:${startType ?? ''}`;
    if (this.current !== undefined) {
      if (this.current.key === key) return this.current.result;
      // Another action is out: its outcome decides what makes sense next, so this one is refused.
      const busy: AwsErrorInfo = { kind: 'invalid-state', retryable: false, name: 'ActionInProgress', message: `${name} refused: another action (${this.current.key.replace(/:$/, '').replace(':', ' ')}) is still in progress` };
      this.options.sink([this.event(name, startType, 'failed', { error: busy.message })]);
      return Promise.resolve({ outcome: 'failed', name, ...(startType === undefined ? {} : { startType }), error: busy });
    }
    const result = this.call(name, startType).finally(() => {
      this.current = undefined;
      this.options.poller?.pollNow();
    });
    this.current = { key, result };
    return result;
  }

  private async call(name: ActionName, startType: StartType | undefined): Promise<ActionResult> {
    const { dms, configArn, sink } = this.options;
    const typed = startType === undefined ? {} : { startType };
    sink([this.event(name, startType, 'requested', {})]);
    const action: IamAction = name === 'start' ? 'dms:StartReplication' : 'dms:StopReplication';
    try {
      const out =
        name === 'start' && startType !== undefined
          ? await dms.startReplication({ ReplicationConfigArn: configArn, StartReplicationType: startType })
          : await dms.stopReplication({ ReplicationConfigArn: configArn });
      const snapshot = out.Replication === undefined ? undefined : toReplicationSnapshot(out.Replication);
      sink([this.event(name, startType, 'succeeded', snapshot === undefined ? {} : { status: snapshot.status })]);
      return { outcome: 'succeeded', name, ...typed, ...(snapshot === undefined ? {} : { snapshot }) };
    } catch (err) {
      const error = describeAwsError(err, { ...this.options.context, action });
      const refused: AwsErrorInfo = { ...error, message: `${name} refused: ${error.message}` };
      sink([this.event(name, startType, 'failed', { error: refused.message })]);
      return { outcome: 'failed', name, ...typed, error: refused };
    }
  }

  private event(name: ActionName, startType: StartType | undefined, outcome: 'requested' | 'succeeded' | 'failed', more: { status?: string; error?: string }): DmsEvent {
    const label = this.options.label ?? this.options.configArn;
    const what = name === 'start' ? `start (${startType ?? ''}) of ${label}` : `stop of ${label}`;
    const text =
      outcome === 'requested'
        ? `${what} requested`
        : outcome === 'succeeded'
          ? `${what} accepted${more.status === undefined ? '' : `: status ${more.status}`}`
          : (more.error ?? `${what} failed`);
    return actionEvent(
      this.options.clock.now(),
      { name, outcome, replicationConfigArn: this.options.configArn, ...(startType === undefined ? {} : { startType }), ...more },
      text,
    );
  }
}
