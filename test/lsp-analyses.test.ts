/**
 * The scheduler of analyses (server/src/lsp/analyses.ts) with hosts whose analyses finish when the test
 * says: which host analyses a document, which one answers for it, what a newer version stops, what is
 * let go (issue 15).
 */
import assert from 'node:assert/strict';
import { ALTERNATE_LIMIT, Analyses, IDLE_MS, NEAR_LIMIT, QUICK_MS, type FarHosts, type OpenDocument } from '../server/src/lsp/analyses';
import type { AnalysisHost, RunningAnalysis } from '../server/src/lsp/hosts';
import { DocumentService, type AnalysisJob, type AnalysisResult, type FeatureAnswer } from '../server/src/lsp/documentService';
import { analyse, RULE_FAMILIES } from '../server/src/rules/index';

/** A host that records its jobs and finishes each one when the test calls `finish`. */
class FakeHost implements AnalysisHost {
  jobs: { job: AnalysisJob; stopped: boolean; finish: () => void }[] = [];
  forgotten: string[] = [];
  disposed = false;
  constructor(readonly name: string) {}
  analyse(job: AnalysisJob): RunningAnalysis {
    const entry = { job, stopped: false, finish: () => undefined as void };
    const result = new Promise<AnalysisResult | undefined>((resolve) => {
      entry.finish = () => resolve(entry.stopped ? undefined : { uri: job.uri, version: job.version, key: job.key, diagnostics: [] });
    });
    this.jobs.push(entry);
    return { result, stop: () => (entry.stopped = true) };
  }
  async answer(): Promise<FeatureAnswer | undefined> {
    return undefined;
  }
  forget(uri: string): void {
    this.forgotten.push(uri);
  }
  hurried: string[] = [];
  hurry(uri: string): void {
    this.hurried.push(uri);
  }
  async diskDraft(): Promise<undefined> {
    return undefined;
  }
  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

/** A document whose text and version the test changes. */
function documentOf(uri: string, text: string): OpenDocument & { text: string; version: number } {
  return {
    uri,
    text,
    version: 1,
    getText() {
      return this.text;
    },
  };
}

function setUp(withWorkers: boolean) {
  const near = new FakeHost('near');
  const workers = [new FakeHost('worker 1'), new FakeHost('worker 2')];
  let started = false;
  const far: FarHosts = {
    hosts: () => {
      if (!withWorkers) return [];
      started = true;
      return workers;
    },
    started: () => (started ? workers : []),
  };
  const open = new Set<string>();
  const analyses = new Analyses(near, far, async (doc) => ({ uri: doc.uri, version: doc.version, text: doc.getText(), config: {}, language: 'en', key: 'en' }), (uri) => open.has(uri));
  return { near, workers, analyses, open };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const large = 'x'.repeat(NEAR_LIMIT + 1);
const huge = 'x'.repeat(ALTERNATE_LIMIT + 1);

describe('lsp/analyses: where documents are analysed and which analysis answers (issue 15)', function () {
  it('analyses a small document on the server thread, and answers from it once finished', async function () {
    const { near, workers, analyses, open } = setUp(true);
    const doc = documentOf('file:///small.programme', '# 1. A\n');
    open.add(doc.uri);
    const done = analyses.ensure(doc);
    await settle();
    assert.equal(near.jobs.length, 1);
    assert.equal(workers[0].jobs.length + workers[1].jobs.length, 0);
    near.jobs[0].finish();
    const finished = await done;
    assert.equal(finished?.host, near);
    assert.equal(finished?.version, 1);
  });

  it('answers from the last finished analysis of a very large document while the next runs on the other worker, within the grace time', async function () {
    const { workers, analyses, open } = setUp(true);
    const doc = documentOf('file:///large.programme', huge);
    open.add(doc.uri);
    // Nothing finished yet: the request gets nothing after the grace time.
    void analyses.ensure(doc);
    await settle();
    assert.equal(await analyses.latest(doc, 5), undefined);
    const first = workers[0].jobs[0] ?? workers[1].jobs[0];
    const firstHost = workers[0].jobs.length === 1 ? workers[0] : workers[1];
    const otherHost = firstHost === workers[0] ? workers[1] : workers[0];
    first.finish();
    assert.equal((await analyses.ensure(doc))?.host, firstHost);
    // A new version: analysed on the other worker; requests meanwhile answer from version 1's host.
    doc.text = `${huge}y`;
    doc.version = 2;
    analyses.changed(doc.uri);
    void analyses.ensure(doc);
    await settle();
    const answering = await analyses.latest(doc, 5);
    assert.equal(answering?.version, 1);
    assert.equal(answering?.host, firstHost);
    assert.equal(otherHost.jobs.length, 1);
    assert.equal(otherHost.jobs[0].job.version, 2);
    otherHost.jobs[0].finish();
    await settle();
    assert.equal((await analyses.latest(doc, 5))?.version, 2);
    assert.equal(analyses.finished(doc.uri)?.host, otherHost);
  });

  it('keeps a very large document on its worker while its analyses after an edit are quick, and alternates again after a slow one', async function () {
    const { workers, analyses, open } = setUp(true);
    const doc = documentOf('file:///large.programme', huge);
    open.add(doc.uri);
    const hostOf = async (version: number, finishAfterMs: number) => {
      doc.text = `${huge}${'y'.repeat(version)}`;
      doc.version = version;
      analyses.changed(doc.uri);
      const done = analyses.ensure(doc);
      await settle();
      const host = workers.find((w) => w.jobs.some((j) => j.job.version === version))!;
      const entry = host.jobs.find((j) => j.job.version === version)!;
      setTimeout(() => entry.finish(), finishAfterMs);
      assert.equal((await done)?.version, version);
      return host;
    };
    const first = await hostOf(1, 0);
    // The first analysis after the opening goes to the other worker (how long an analysis after an
    // edit takes is not known yet); it is quick, so the next ones stay there.
    const second = await hostOf(2, 0);
    assert.notEqual(second, first);
    assert.equal(await hostOf(3, 0), second);
    // A slow one (over QUICK_MS): the next goes to the other worker again.
    assert.equal(await hostOf(4, QUICK_MS + 30), second);
    assert.equal(await hostOf(5, 0), first);
  });

  it("stops an analysis when a newer version comes, and does not queue behind it, but never a document's first", async function () {
    const { near, analyses, open } = setUp(false);
    const doc = documentOf('file:///a.programme', 'one');
    open.add(doc.uri);
    const first = analyses.ensure(doc);
    await settle();
    doc.text = 'two';
    doc.version = 2;
    analyses.changed(doc.uri);
    assert.equal(near.jobs[0].stopped, false);
    near.jobs[0].finish();
    assert.equal((await first)?.version, 1);
    const old = analyses.ensure(doc);
    await settle();
    doc.text = 'three';
    doc.version = 3;
    analyses.changed(doc.uri);
    assert.equal(near.jobs[1].stopped, true);
    const fresh = analyses.ensure(doc);
    await settle();
    assert.equal(near.jobs.length, 3);
    near.jobs[1].finish();
    near.jobs[2].finish();
    assert.equal(await old, undefined);
    assert.equal((await fresh)?.version, 3);
  });

  it('starts anew after a reset (a config change) instead of waiting for the stopped analysis of the same job', async function () {
    const { near, analyses, open } = setUp(false);
    const doc = documentOf('file:///a.programme', 'one');
    open.add(doc.uri);
    const before = analyses.ensure(doc);
    await settle();
    // The config file changed while the analysis ran, but the job (version, key, text) reads the same.
    analyses.reset();
    assert.equal(near.jobs[0].stopped, true);
    const after = analyses.ensure(doc);
    await settle();
    assert.equal(near.jobs.length, 2);
    near.jobs[0].finish();
    near.jobs[1].finish();
    assert.equal(await before, undefined);
    assert.equal((await after)?.version, 1);
  });

  it('keeps the newer analysis when an older one finishes after it, whatever the version numbers', async function () {
    const { near, analyses, open } = setUp(false);
    const doc = documentOf('file:///b.programme', 'zero');
    doc.version = 20;
    open.add(doc.uri);
    const zero = analyses.ensure(doc);
    await settle();
    near.jobs[0].finish();
    await zero;
    doc.text = 'one';
    doc.version = 10;
    const first = analyses.ensure(doc);
    await settle();
    doc.text = 'two';
    doc.version = 5;
    const second = analyses.ensure(doc);
    await settle();
    near.jobs[2].finish();
    assert.equal((await second)?.version, 5);
    // The first was stopped by the second; had it finished anyway, it would not replace the second.
    near.jobs[1].stopped = false;
    near.jobs[1].finish();
    assert.equal(await first, undefined);
    assert.equal(analyses.finished(doc.uri)?.version, 5);
  });

  it("puts a document's first analysis before the others on its host when a request waits for it", async function () {
    const { workers, analyses, open } = setUp(true);
    const docs = ['a', 'b', 'c'].map((name) => documentOf(`file:///${name}.programme`, large));
    for (const doc of docs) {
      open.add(doc.uri);
      void analyses.ensure(doc);
    }
    await settle();
    assert.deepEqual([...workers[0].hurried, ...workers[1].hurried], []);
    const waiting = analyses.first(docs[2]);
    const host = workers.find((w) => w.jobs.some((j) => j.job.uri === docs[2].uri))!;
    assert.deepEqual(host.hurried, [docs[2].uri]);
    host.jobs.find((j) => j.job.uri === docs[2].uri)!.finish();
    assert.equal((await waiting)?.version, 1);
  });

  it('hurries the analysis a request waits for also when it starts after the request', async function () {
    const { near, analyses, open } = setUp(false);
    const doc = documentOf('file:///late.programme', 'one');
    open.add(doc.uri);
    const waiting = analyses.first(doc);
    await settle();
    assert.deepEqual(near.hurried, [doc.uri]);
    near.jobs[0].finish();
    assert.equal((await waiting)?.version, 1);
  });

  it('keeps a large document on its worker, the others to the worker with the fewest characters, and no older copy', async function () {
    const { workers, analyses, open } = setUp(true);
    const doc = documentOf('file:///kept.programme', large);
    const other = documentOf('file:///other.programme', `${large}more`);
    open.add(doc.uri);
    open.add(other.uri);
    const one = analyses.ensure(doc);
    await settle();
    const [a, b] = workers[0].jobs.length === 1 ? [workers[0], workers[1]] : [workers[1], workers[0]];
    // The other document goes to the worker with nothing to do.
    void analyses.ensure(other);
    await settle();
    assert.deepEqual(b.jobs.map((j) => j.job.uri), [other.uri]);
    a.jobs[0].finish();
    await one;
    for (const version of [2, 3]) {
      doc.text = `${large}${version}`;
      doc.version = version;
      analyses.changed(doc.uri);
      const next = analyses.ensure(doc);
      await settle();
      a.jobs.at(-1)!.finish();
      assert.equal((await next)?.host, a);
    }
    assert.deepEqual(a.jobs.map((j) => j.job.version), [1, 2, 3]);
    assert.deepEqual(b.jobs.map((j) => j.job.uri), [other.uri]);
    // Nothing to let go: no other worker holds a copy.
    assert.equal(analyses.trim(performance.now() + IDLE_MS + 1), 0);
  });

  it('lets the other worker go of its older copy of a very large document after a pause in the editing, and every host of a closed document', async function () {
    const { workers, analyses, open } = setUp(true);
    const doc = documentOf('file:///c.programme', huge);
    open.add(doc.uri);
    const one = analyses.ensure(doc);
    await settle();
    const [a, b] = workers[0].jobs.length === 1 ? [workers[0], workers[1]] : [workers[1], workers[0]];
    a.jobs[0].finish();
    await one;
    doc.text = `${huge}z`;
    doc.version = 2;
    analyses.changed(doc.uri);
    const two = analyses.ensure(doc);
    await settle();
    b.jobs[0].finish();
    await two;
    // Worker `a` holds version 1 (older); kept while the document is edited.
    assert.equal(analyses.trim(performance.now()), 0);
    assert.equal(analyses.trim(performance.now() + IDLE_MS + 1), 1);
    assert.deepEqual(a.forgotten, [doc.uri]);
    assert.deepEqual(b.forgotten, []);
    open.delete(doc.uri);
    analyses.closed(doc.uri);
    assert.deepEqual(a.forgotten, [doc.uri, doc.uri]);
    assert.deepEqual(b.forgotten, [doc.uri]);
  });
});

describe('lsp/documentService: an analysis in steps, held per document', function () {
  const text = '# 1. Skole\n\n1. Styrke skolen.\n\n3. Bygge nye skoler [[1.9]].\n';
  const job = (version: number, generation: number, body = text): AnalysisJob => ({ uri: 'file:///d.programme', version, text: body, config: {}, language: 'en', key: 'en', generation });

  it('gives the diagnostics analyse() gives, paused between steps, and answers from what it holds', async function () {
    const service = new DocumentService();
    let pauses = 0;
    const result = await service.analyse(job(1, 1), async () => void pauses++, () => false);
    const expected = analyse(text).diagnostics.map((d) => d.code);
    assert.deepEqual(result?.diagnostics.map((d) => d.code), expected);
    assert.deepEqual(expected, ['measure-numbering', 'unresolved-reference']);
    // The reading, then each rule family.
    assert.equal(pauses, 1 + Object.keys(RULE_FAMILIES).length);
    const answer = await service.answer({ uri: 'file:///d.programme', name: 'hover', params: { position: { line: 2, character: 0 } } });
    assert.equal(answer?.version, 1);
    assert.match(JSON.stringify(answer?.result), /Measure 1\.1/);
  });

  it('stops at the next step when asked, and keeps what it held', async function () {
    const service = new DocumentService();
    await service.analyse(job(1, 1), async () => undefined, () => false);
    let steps = 0;
    const stopped = await service.analyse(job(2, 2, `${text}\n4. Mer.\n`), async () => void steps++, () => steps >= 2);
    assert.equal(stopped, undefined);
    assert.deepEqual(service.heldVersion('file:///d.programme'), { version: 1, key: 'en' });
  });

  it('analyses in the order asked, except the documents hurried, which go first', async function () {
    const service = new DocumentService();
    const order: string[] = [];
    const ask = (name: string) =>
      service.analyse({ ...job(1, order.length + 1), uri: `file:///${name}.programme` }, async () => undefined, () => false).then((r) => void order.push(name));
    const all = [ask('a'), ask('b'), ask('c'), ask('d')];
    // Once `a` has started (hurrying another does not stop it), `d` goes before `b` and `c`.
    await Promise.resolve();
    service.hurry('file:///d.programme');
    await Promise.all(all);
    assert.deepEqual(order, ['a', 'd', 'b', 'c']);
  });

  it("answers the outline asked for early from the reading of the document's first analysis, before the rules have run", async function () {
    const service = new DocumentService();
    const uri = 'file:///d.programme';
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let pauses = 0;
    // The analysis stops after its reading until the test releases it.
    const analysed = service.analyse(job(1, 1), async () => {
      if (pauses++ === 0) await held;
    }, () => false);
    const call = { uri, name: 'documentSymbol' as const, params: { hierarchical: true } };
    assert.equal(await service.answer(call), undefined);
    const early = await service.answer({ ...call, early: true });
    assert.equal(early?.version, 1);
    assert.deepEqual((early?.result as { name: string }[]).map((s) => s.name), ['1. Skole']);
    assert.equal(pauses, 1, 'answered while the rules wait');
    // Not the other features: they need the rules' findings or are not asked for once per version.
    const hover = service.answer({ uri, name: 'hover', params: { position: { line: 2, character: 0 } }, early: true });
    release();
    await analysed;
    assert.equal((await hover)?.version, undefined);
    assert.equal((await service.answer(call))?.version, 1);
    // A document with no analysis to wait for: nothing, at once.
    assert.equal(await service.answer({ ...call, uri: 'file:///other.programme', early: true }), undefined);
  });

  it('does not keep an analysis of an older job, nor one of a job from before the document was let go', async function () {
    const service = new DocumentService();
    await service.analyse(job(7, 5), async () => undefined, () => false);
    await service.analyse(job(8, 4), async () => undefined, () => false);
    assert.deepEqual(service.heldVersion('file:///d.programme'), { version: 7, key: 'en' });
    service.forget('file:///d.programme', 9);
    await service.analyse(job(9, 8), async () => undefined, () => false);
    assert.equal(service.heldVersion('file:///d.programme'), undefined);
    await service.analyse(job(1, 10), async () => undefined, () => false);
    assert.deepEqual(service.heldVersion('file:///d.programme'), { version: 1, key: 'en' });
  });
});
