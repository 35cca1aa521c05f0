// Runs the workloads written by `bench_simulator --write-dir DIR` through the npm package
// aws-local-stepfunctions (Task states echo their input, Wait states take no time) and prints the
// elapsed seconds per workload as JSON. Usage: node bench-aws-local-stepfunctions.mjs DIR
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';

const dir = process.argv[2];

// aws-local-stepfunctions 3.0.0 calls Promise.withResolvers, which Node 20 (Debian 12's) lacks.
if (!Promise.withResolvers) {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}

function collect(machine, tasks, waits, retries) {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    if (state.Type === 'Task') tasks[name] = (input) => input;
    if (state.Type === 'Wait') waits[name] = 0;
    if (state.Retry) retries[name] = 0;
    for (const branch of state.Branches ?? []) collect(branch, tasks, waits, retries);
    if (state.ItemProcessor) collect(state.ItemProcessor, tasks, waits, retries);
    if (state.Iterator) collect(state.Iterator, tasks, waits, retries);
  }
}

const results = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.asl.json')).sort()) {
  const name = file.replace(/\.asl\.json$/, '');
  const definition = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const input = JSON.parse(readFileSync(join(dir, `${name}.input.json`), 'utf8'));
  const runs = Number(readFileSync(join(dir, `${name}.runs`), 'utf8'));
  const tasks = {};
  const waits = {};
  const retries = {};
  collect(definition, tasks, waits, retries);
  const machine = new StateMachine(definition, { validationOptions: { checkPaths: false, checkArn: false } });
  let statuses = {};
  const start = process.hrtime.bigint();
  for (let r = 0; r < runs; r++) {
    const execution = machine.run(input, { overrides: { taskResourceLocalHandlers: tasks, waitTimeOverrides: waits, retryIntervalOverrides: retries } });
    try {
      await execution.result;
      statuses.SUCCEEDED = (statuses.SUCCEEDED ?? 0) + 1;
    } catch (e) {
      statuses.FAILED = (statuses.FAILED ?? 0) + 1;
    }
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  results.push({ workload: name, runs, seconds, statuses });
}
console.log(JSON.stringify(results));
