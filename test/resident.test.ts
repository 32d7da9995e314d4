/** syntax/resident.ts: a value made at the second use of its owner, once, and kept. */
import assert from 'node:assert/strict';
import { Resident } from '../server/src/syntax/resident';

describe('Resident', () => {
  it('is not made at the first use, is made at the second, and is kept after', () => {
    let made = 0;
    const r = new Resident(() => ({ n: ++made }));
    r.use();
    assert.equal(made, 0);
    r.use();
    assert.equal(made, 1);
    r.use();
    r.use();
    assert.equal(made, 1);
    assert.deepEqual(r.get(), { n: 1 });
  });

  it('is made when first asked for, and the uses after do not make it again', () => {
    let made = 0;
    const r = new Resident(() => ++made);
    assert.equal(r.get(), 1);
    r.use();
    r.use();
    assert.equal(r.get(), 1);
    assert.equal(made, 1);
  });

  it('does not count or make again the uses of its owner while it is being made', () => {
    let made = 0;
    const owner = (): number => {
      r.use();
      return 7;
    };
    const r: Resident<number> = new Resident(() => {
      made++;
      return owner() + owner();
    });
    owner();
    assert.equal(made, 0);
    owner();
    assert.equal(made, 1);
    assert.equal(r.get(), 14);
  });

  it('says so when it is asked for while being made, and is made again at the next use after a failure', () => {
    let calls = 0;
    const r: Resident<number> = new Resident(() => {
      calls++;
      if (calls === 1) return r.get();
      return 3;
    });
    assert.throws(() => r.get(), /asked for while it is being made/);
    r.use();
    assert.equal(calls, 1);
    r.use();
    assert.equal(calls, 2);
    assert.equal(r.get(), 3);
  });
});
