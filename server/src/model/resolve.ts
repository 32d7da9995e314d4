/**
 * Resolution of references: which pillar, sub-section or measure a `[[…]]` names (format §6), and
 * which references point at a given node. One index per programme, built on first use in one pass.
 *
 * Binding: the first declaration wins. When two labels are the same (after NFC and case folding),
 * references bind to the first; when two pillars share a number, `[[P]]` and `[[P.N]]` bind to the
 * first of them; when two measures share an id, `[[P.N]]` binds to the first.
 */
import type { Label, Measure, Pillar, Programme, Reference, Section, Subsection } from './programme';

/** Something a reference can name. */
export type Target = Pillar | Section | Subsection | Measure;

/** The lookup tables of one programme. */
export interface ProgrammeIndex {
  /**
   * Measure id → the first measure with it. Only measures of the first pillar of each number count
   * (in `continuous` mode, every measure): a measure under a second pillar 2 cannot be named `[[2.N]]`.
   * Made when first read: resolving the references needs only the ids they name, through a map of those.
   */
  readonly measuresById: Map<string, Measure>;
  /** Pillar number (as digits without leading zeros) → the first pillar with it. */
  pillarsByNumber: Map<string, Pillar>;
  /** Label key → the first label with it. */
  labelsByKey: Map<string, Label>;
  /** Target → the references that resolve to it, in document order. */
  referencesTo: Map<Target, Reference[]>;
  /** Reference → its target (absent when unresolved). */
  targets: Map<Reference, Target>;
  /** Label → the `[[#label]]` references that bind to it (only the first label of a key has any). */
  labelUses: Map<Label, Reference[]>;
}

const cache = new WeakMap<Programme, ProgrammeIndex>();

/**
 * True when `m` has an id a reference can name: a measure outside any pillar (a `measure-outside-pillar`
 * slip) has none, and under a second pillar with the same number `[[P.N]]` names the first pillar's
 * (`firstPillars`: the first pillar of each number).
 */
function nameable(p: Programme, m: Measure, firstPillars: ReadonlySet<Pillar>): boolean {
  return m.pillar !== undefined && (p.mode === 'continuous' || firstPillars.has(m.pillar));
}

/** Measure id → the first nameable measure with it ({@link nameable}), for the ids `only` holds (all when undefined). */
function measuresByIdOf(p: Programme, firstPillars: ReadonlySet<Pillar>, only?: ReadonlySet<string>): Map<string, Measure> {
  const byId = new Map<string, Measure>();
  const measures = p.measures;
  for (let i = 0; i < measures.length; i++) {
    const m = measures[i];
    // The ids asked for first: most measures are not named by any reference.
    if (only !== undefined && !only.has(m.id)) continue;
    if (!nameable(p, m, firstPillars)) continue;
    if (!byId.has(m.id)) byId.set(m.id, m);
  }
  return byId;
}

/** The index of `p` (built once, then cached for the life of `p`). */
export function programmeIndex(p: Programme): ProgrammeIndex {
  const cached = cache.get(p);
  if (cached !== undefined) return cached;
  const pillarsByNumber = new Map<string, Pillar>();
  for (const pillar of p.pillars) {
    const key = String(pillar.number);
    if (!pillarsByNumber.has(key)) pillarsByNumber.set(key, pillar);
  }
  const firstPillars = new Set(pillarsByNumber.values());
  // The references resolve through the ids they name; the map of every id is made when first asked for.
  const named = new Set<string>();
  for (const ref of p.references) if (ref.form.kind === 'measure') named.add(ref.form.id);
  const forReferences = measuresByIdOf(p, firstPillars, named);
  let measuresById: Map<string, Measure> | undefined;
  const index: ProgrammeIndex = {
    get measuresById() {
      measuresById ??= measuresByIdOf(p, firstPillars);
      return measuresById;
    },
    pillarsByNumber,
    labelsByKey: new Map(),
    referencesTo: new Map(),
    targets: new Map(),
    labelUses: new Map(),
  };
  for (const label of p.labels) if (!index.labelsByKey.has(label.key)) index.labelsByKey.set(label.key, label);
  for (const ref of p.references) {
    if (ref.form.kind === 'label') {
      const label = index.labelsByKey.get(ref.form.key);
      if (label !== undefined) {
        let uses = index.labelUses.get(label);
        if (uses === undefined) index.labelUses.set(label, (uses = []));
        uses.push(ref);
      }
    }
    const target = lookup(index, forReferences, ref);
    if (target === undefined) continue;
    index.targets.set(ref, target);
    let list = index.referencesTo.get(target);
    if (list === undefined) index.referencesTo.set(target, (list = []));
    list.push(ref);
  }
  cache.set(p, index);
  return index;
}

function lookup(index: ProgrammeIndex, measuresById: ReadonlyMap<string, Measure>, ref: Reference): Target | undefined {
  const form = ref.form;
  switch (form.kind) {
    case 'measure':
      return measuresById.get(form.id);
    case 'pillar':
      return index.pillarsByNumber.get(form.number);
    case 'label':
      return index.labelsByKey.get(form.key)?.owner;
    default:
      return undefined;
  }
}

/** The node `ref` names, or undefined when it names nothing. */
export function resolveReference(p: Programme, ref: Reference): Target | undefined {
  return programmeIndex(p).targets.get(ref);
}

/** The references that resolve to `target`, in document order (empty when none). */
export function referencesTo(p: Programme, target: Target): Reference[] {
  return programmeIndex(p).referencesTo.get(target) ?? [];
}

/**
 * The `[[#label]]` references that bind to `label`, in document order. Empty for a label that nothing
 * names, and for a second declaration of a key (references bind to the first).
 */
export function referencesToLabel(p: Programme, label: Label): Reference[] {
  return programmeIndex(p).labelUses.get(label) ?? [];
}

/** The id of a target as a reader would cite it: `1.3` (measure), `2` (pillar), `1.1` or the title (sub-section). */
export function targetId(target: Target): string {
  switch (target.kind) {
    case 'measure':
      return target.id;
    case 'pillar':
      return target.numberText;
    case 'subsection':
      return target.numberText ?? target.title;
    default:
      return target.title;
  }
}
