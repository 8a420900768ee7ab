import { prepareCorpus } from './lib/corpus.ts';
import { startQuire } from './lib/server.ts';
import { measure } from './lib/load.ts';
const corpus = await prepareCorpus('postgres', 10000, 1, true);
const server = await startQuire(corpus.env);
const f = corpus.facts;
const filtered = `/works?${new URLSearchParams([['fandom', f.fandom], ['freeform', f.freeform], ['exclude_freeform', f.excludeFreeform], ...f.ratings.map((r) => ['rating', r]), ['sort', 'kudos'], ['page', '1']]).toString()}`;
try {
  for (let round = 0; round < 2; round++) {
    for (const p of [`/tags/fandom/${encodeURIComponent(f.fandom)}`, filtered]) {
      const row = await measure(server, { name: p, path: p, connections: 32 }, 5);
      console.log(p.slice(0, 40), row.reqPerSec, row.p50Ms, row.p99Ms, row.error);
    }
  }
} finally { await server.stop(); corpus.stop(); }
