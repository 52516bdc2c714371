import { createDriver } from '../drivers/create-driver';
import { startTarget } from '../support/targets';
import { runGeneratedPaths } from './runner';
(async () => {
  const target = await startTarget('mock');
  const t0 = Date.now();
  try {
    const run = await runGeneratedPaths(createDriver('api', target.baseUrl), { target: 'mock', onPath: (r) => console.log(r.machine, r.number, r.failure ? 'FAIL ' + r.failure.message : 'ok', r.transitions, r.probes, r.skippedProbes) });
    for (const m of run.machines) {
      console.log(m.machine, `${m.covered}/${m.edges}`, m.uncovered);
      for (const p of m.paths) if (p.failure) console.log(p.failure.gherkin);
    }
  } finally { console.log('ms', Date.now() - t0); await target.stop(); }
})();
