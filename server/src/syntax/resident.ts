/**
 * Values kept for the life of the process so that the hidden classes of their objects outlive every
 * full garbage collection: V8 drops the optimised code that depends on a hidden class once no object of
 * that class is left, and the objects of a reading, an outline or a check all die with their document
 * (`node --trace-deopt`: "weak objects"; see syntax/index.ts `RESIDENT_SAMPLE`). The parser keeps its
 * own sample; the model, the outline and the rules keep theirs with {@link Resident}.
 */

/**
 * A value made by `make` at the second use of its owner (a process that reads, outlines or checks
 * once, as `programme check` of one file, never makes it), or when it is first asked for, and then
 * kept. Uses while it is being made (its owner's function called by `make`) do not count and do not
 * make it again.
 */
export class Resident<T> {
  private value: T | undefined;
  private uses = 0;
  private making = false;

  constructor(private readonly make: () => T) {}

  /** Called at the start of every use of the owner: makes the value at the second. */
  use(): void {
    if (this.value !== undefined || this.making || this.uses++ === 0) return;
    this.get();
  }

  /**
   * The value, made now if it is not yet. Throws what `make` throws; while it is being made (a call
   * from within `make`) there is none, and this throws an Error.
   */
  get(): T {
    if (this.value === undefined) {
      if (this.making) throw new Error('Resident: the value was asked for while it is being made');
      this.making = true;
      try {
        this.value = this.make();
      } finally {
        this.making = false;
      }
    }
    return this.value;
  }
}
