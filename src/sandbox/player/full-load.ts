import type { StepSpec, TableSpec, TaskLineSpec } from '../scenarios/spec.js';

/** DMS's default `MaxFullLoadSubTasks`. */
const SUBTASKS = 8;

/**
 * Turns a `fullLoad` step into ordinary steps: tables load in parallel
 * subtasks, each for a time proportional to its rows, scaled to fit
 * `durationSeconds`; every start and finish writes DMS's task log lines and
 * moves ReplicationStats (queued, loading, loaded, percent by rows).
 */
export function expandFullLoad(tables: readonly TableSpec[], startAt: number, durationSeconds: number): StepSpec[] {
  if (tables.length === 0) {
    return [{ at: startAt, view: { fullLoadProgressPercent: 100, fullLoadFinished: true } }];
  }
  const lanes = Math.min(SUBTASKS, tables.length);
  const laneFree = new Array<number>(lanes).fill(0);
  const plan = tables.map((table, i) => {
    let lane = 0;
    for (let l = 1; l < lanes; l++) if ((laneFree[l] ?? 0) < (laneFree[lane] ?? 0)) lane = l;
    const begin = laneFree[lane] ?? 0;
    const end = begin + Math.max(1, table.rows);
    laneFree[lane] = end;
    return { table, id: i + 1, subtask: lane + 1, begin, end };
  });
  const makespan = Math.max(...laneFree);
  const scale = makespan === 0 ? 0 : durationSeconds / makespan;
  const totalRows = tables.reduce((sum, t) => sum + t.rows, 0);

  type Point = { at: number; kind: 'begin' | 'end'; item: (typeof plan)[number] };
  const points: Point[] = plan.flatMap((item) => [
    { at: startAt + item.begin * scale, kind: 'begin' as const, item },
    { at: startAt + item.end * scale, kind: 'end' as const, item },
  ]);
  points.sort((a, b) => a.at - b.at || (a.kind === b.kind ? a.item.id - b.item.id : a.kind === 'end' ? -1 : 1));

  let queued = tables.length;
  let loading = 0;
  let loaded = 0;
  let rowsLoaded = 0;
  const steps: StepSpec[] = [];
  for (const { at, kind, item } of points) {
    const name = `'${item.table.schema}'.'${item.table.name}' (Id = ${item.id})`;
    let task: TaskLineSpec[];
    if (kind === 'begin') {
      queued--;
      loading++;
      task = [{ component: 'TASK_MANAGER', text: `Start loading table ${name} by subtask ${item.subtask}. Start load timestamp 00061CD06F9B${String(item.id).padStart(4, '0')}`, source: 'replicationtask_util.c:755' }];
    } else {
      loading--;
      loaded++;
      rowsLoaded += item.table.rows;
      const rows = item.table.rows;
      task = [
        { component: 'SOURCE_UNLOAD', text: `Unload finished for table ${name}. ${rows} rows sent.`, source: 'streamcomponent.c:3543' },
        { component: 'TARGET_LOAD', text: `Load finished for table ${name}. ${rows} rows received. 0 rows skipped. Volume transfered ${rows * 412}.`, source: 'streamcomponent.c:3833' },
        { component: 'TASK_MANAGER', text: `Loading finished for table ${name} by subtask ${item.subtask}. ${rows} records transferred.`, source: 'replicationtask.c:3012' },
      ];
    }
    const percent = totalRows === 0 ? Math.round((loaded / tables.length) * 100) : Math.floor((rowsLoaded / totalRows) * 100);
    steps.push({
      at: Math.round(at * 1000) / 1000,
      task,
      view: { tablesQueued: queued, tablesLoading: loading, tablesLoaded: loaded, fullLoadProgressPercent: percent },
    });
  }
  steps.push({
    at: startAt + durationSeconds,
    view: { fullLoadProgressPercent: 100, fullLoadFinished: true },
    task: [{ component: 'TASK_MANAGER', text: `All ${tables.length} tables are loaded. Full load completed.`, source: 'replicationtask.c:3102' }],
  });
  return steps;
}
