// Mixed DMS Serverless log events for benchmarks: orchestrator state
// reports, RDS PostgreSQL connection lines and errors, DMS task lines, and
// noise. Used by scripts/gen-events.mjs (files for replay) and the memory
// measurement (events fed to the dashboard's store in memory).
//
//   const next = createEventGenerator(42);
//   next(i, t) -> { group, stream, message }   (i: the event's number, t: its time, epoch ms)

export const RID = 'OZRAVXDSNFCUTG5UZNI6HRDWVY';
export const DMS_GROUP = `dms-serverless-replication-${RID}`;
export const ORCH_STREAM = `dms-serverless-replication-orchestrator-${RID}`;
export const TASK_STREAM = 'dms-serverless-serv-res-id-1717171717171-abc';
export const PG_GROUP = '/aws/rds/instance/testdrive-dms-postgresql-dev-db/postgresql';
export const PG_STREAM = 'testdrive-dms-postgresql-dev-db.0';
const STATES = ['initializing', 'preparing_metadata_resources', 'testing_connection', 'fetching_metadata', 'calculating_capacity', 'provisioning_capacity', 'replication_starting', 'running'];

const pgTime = (t) => `${new Date(t).toISOString().replace('T', ' ').slice(0, 19)} UTC`;
const taskTime = (t) => new Date(t).toISOString().slice(0, 19);

/** A deterministic generator: the same seed gives the same events. */
export function createEventGenerator(seed = 42) {
  let state = Number(seed) >>> 0 || 1;
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(rand() * list.length)];

  function pgLines(t, pid, port) {
    const p = `${pgTime(t)}:10.0.${pid % 250}.${pid % 200}(${port}):`;
    const r = rand();
    if (r < 0.3) return `${p}[unknown]@[unknown]:[${pid}]:LOG:  connection received: host=10.0.${pid % 250}.${pid % 200} port=${port}`;
    if (r < 0.5) return `${p}dms_user@sales:[${pid}]:LOG:  connection authenticated: identity="dms_user" method=scram-sha-256 (/rdsdbdata/config/pg_hba.conf:13)`;
    if (r < 0.7) return `${p}dms_user@sales:[${pid}]:LOG:  connection authorized: user=dms_user database=sales application_name=dms SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)`;
    if (r < 0.85) return `${p}dms_user@sales:[${pid}]:LOG:  disconnection: session time: 0:00:0${pid % 10}.${String(pid % 1000).padStart(3, '0')} user=dms_user database=sales host=10.0.1.2 port=${port}`;
    if (r < 0.9) return `${p}dms_user@sales:[${pid}]:FATAL:  password authentication failed for user "dms_user"\n${p}dms_user@sales:[${pid}]:DETAIL:  Connection matched pg_hba.conf line 13: "host all all 0.0.0.0/0 scram-sha-256"`;
    if (r < 0.95) return `${p}dms_user@sales:[${pid}]:ERROR:  relation "orders_${pid % 50}" does not exist at character 15`;
    return `${p}dms_user@sales:[${pid}]:LOG:  checkpoint complete: wrote ${pid % 900} buffers (0.${pid % 9}%); 0 WAL file(s) added`;
  }

  return function event(i, t) {
    const r = rand();
    if (r < 0.02) {
      const s = STATES[i % STATES.length];
      const failed = rand() < 0.1;
      const message = failed
        ? `{'replication_state':'failed', 'message': 'Test connection failed for endpoint src.', 'failure_message': 'Test connection failed for endpoint 'src' and replication config 'cfg'. Failure Message: 'Error Details: [message=Unknown exception while calling 'Test endpoint' API, errType=, status=0, errMessage=, errDetails=]''}`
        : `{'replication_state':'${s}', 'message': 'Replication is in state ${s}.'}`;
      return { group: DMS_GROUP, stream: ORCH_STREAM, message };
    }
    if (r < 0.25) {
      const level = pick(['I', 'I', 'I', 'W', 'E', 'D']);
      const comp = pick(['SOURCE_UNLOAD   ', 'TARGET_LOAD     ', 'SOURCE_CAPTURE  ', 'TARGET_APPLY    ', 'TASK_MANAGER    ']);
      return { group: DMS_GROUP, stream: TASK_STREAM, message: `${taskTime(t)} [${comp}]${level}:  Unload finished for table 'public'.'orders_${i % 97}' (Id = ${i % 13}). ${i % 10000} rows sent.  (streamcomponent.c:3543)` };
    }
    if (r < 0.97) {
      const pid = 3000 + (i % 5000);
      return { group: PG_GROUP, stream: PG_STREAM, message: pgLines(t, pid, 40000 + (i % 20000)) };
    }
    return { group: PG_GROUP, stream: PG_STREAM, message: `unstructured noise line ${i} \u001b[31mred\u001b[0m with "quotes" and 'single quotes'` };
  };
}
