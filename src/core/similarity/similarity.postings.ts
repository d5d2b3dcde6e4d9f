import type { CandidateVector } from './similarity.document.js';

/**
 * A growable Int32Array. The index holds millions of postings and vector entries; as JS arrays of numbers,
 * Sets or Maps of strings they cost tens of bytes each (measured: a Set-of-ids index over 100k generated
 * incidents needed 16 s to build), as typed arrays four.
 */
export class Int32List {
  data: Int32Array;
  length = 0;

  constructor(capacity = 16) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = value;
  }

  /** Makes the list at least `size` long (new places are 0) and returns it. */
  ensure(size: number): this {
    if (size > this.data.length) this.grow(size);
    if (size > this.length) this.length = size;
    return this;
  }

  /** Gives back the room kept for growth (up to half, as capacity doubles). */
  trim(): void {
    if (this.data.length > this.length) this.data = this.data.slice(0, this.length);
  }

  private grow(size: number): void {
    const next = new Int32Array(Math.max(size, this.data.length * 2));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** Strings numbered in order of first use; a number is never reused, so vectors and postings hold numbers. */
class Dictionary {
  private readonly numbers = new Map<string, number>();
  readonly names: string[] = [];

  numberOf(name: string): number | undefined {
    return this.numbers.get(name);
  }

  intern(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.names.length;
      this.numbers.set(name, n);
      this.names.push(name);
    }
    return n;
  }
}

/** Postings of one dictionary (terms or services): per number, the slots holding it, and how many are live. */
class Postings {
  readonly lists: Int32List[] = [];
  /** Live documents per number: the document frequency. Dead slots stay in `lists` until compaction. */
  readonly live = new Int32List();

  add(n: number, slot: number): void {
    let list = this.lists[n];
    if (!list) this.lists[n] = list = new Int32List(4);
    list.push(slot);
    this.live.ensure(n + 1).data[n]! += 1;
  }

  drop(n: number): void {
    this.live.data[n]! -= 1;
  }

  count(n: number | undefined): number {
    return n === undefined || n >= this.live.length ? 0 : (this.live.data[n] as number);
  }

  trim(): void {
    for (const list of this.lists) list?.trim();
    this.live.trim();
  }

  clear(): void {
    this.lists.length = 0;
    this.live.length = 0;
    this.live.data.fill(0);
  }
}

/**
 * Candidate vectors in numbered slots with term and service postings, all in typed arrays. Replacing or
 * removing a document kills its slot (its postings are skipped, its counts taken back) and a new slot is
 * used; slots are renumbered once dead ones outnumber the live, so memory stays within about twice the
 * live documents'.
 */
export class VectorSlots {
  readonly terms = new Dictionary();
  readonly services = new Dictionary();
  private readonly categories = new Dictionary();
  readonly termPostings = new Postings();
  readonly servicePostings = new Postings();
  /** Per slot: the incident id, or undefined once the slot is dead. */
  private ids: (string | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  occurred = new Float64Array(1024);
  /** Per slot: where its entries start in `entries`, and how many terms, services and categories it has. */
  private start = new Int32List();
  private termCount = new Int32List();
  private serviceCount = new Int32List();
  private categoryCount = new Int32List();
  /** Term numbers (with `counts`), then service numbers, then category numbers, per slot. */
  private entries = new Int32List(4096);
  private counts = new Int32List(4096);
  private dead = 0;

  get size(): number {
    return this.slotOf.size;
  }

  get slotCount(): number {
    return this.ids.length;
  }

  slotOfId(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  idOf(slot: number): string | undefined {
    return this.ids[slot];
  }

  /** Adds or replaces the vector of `vector.id`. */
  put(vector: CandidateVector): void {
    this.remove(vector.id);
    const slot = this.ids.length;
    this.ids.push(vector.id);
    this.slotOf.set(vector.id, slot);
    if (slot >= this.occurred.length) {
      const next = new Float64Array(this.occurred.length * 2);
      next.set(this.occurred);
      this.occurred = next;
    }
    this.occurred[slot] = vector.occurredAt;
    this.start.push(this.entries.length);
    const { termNames, termCounts } = vector;
    for (let i = 0; i < termNames.length; i++) {
      const term = this.terms.intern(termNames[i] as string);
      const count = termCounts[i] as number;
      // Weighted frequencies are whole numbers (TITLE_WEIGHT is); a fraction would be cut here.
      if (!Number.isInteger(count)) throw new RangeError(`term frequency ${count} is not a whole number`);
      this.entries.push(term);
      this.counts.push(count);
      this.termPostings.add(term, slot);
    }
    for (const name of vector.services) {
      const service = this.services.intern(name);
      this.entries.push(service);
      this.counts.push(0);
      this.servicePostings.add(service, slot);
    }
    for (const name of vector.factorCategories) {
      this.entries.push(this.categories.intern(name));
      this.counts.push(0);
    }
    this.termCount.push(termNames.length);
    this.serviceCount.push(vector.services.length);
    this.categoryCount.push(vector.factorCategories.length);
  }

  remove(id: string): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.slotOf.delete(id);
    this.ids[slot] = undefined;
    // Never earlier than any query: lookups skip the dead slot's postings without another check.
    this.occurred[slot] = Number.POSITIVE_INFINITY;
    const { at, terms, services } = this.layout(slot);
    for (let i = 0; i < terms; i++) this.termPostings.drop(this.entries.data[at + i] as number);
    for (let i = 0; i < services; i++) this.servicePostings.drop(this.entries.data[at + terms + i] as number);
    this.dead++;
    if (this.dead > 1024 && this.dead > this.slotOf.size) this.compact();
  }

  /** Gives back the room the typed arrays keep for growth: after a bulk load, about a third of their size. */
  trim(): void {
    for (const list of [
      this.start,
      this.termCount,
      this.serviceCount,
      this.categoryCount,
      this.entries,
      this.counts,
    ])
      list.trim();
    this.termPostings.trim();
    this.servicePostings.trim();
  }

  /** The vector in a live slot, as scoring reads it. */
  vector(slot: number): CandidateVector {
    const { at, terms, services, categories } = this.layout(slot);
    const e = this.entries.data;
    const names = (dictionary: Dictionary, from: number, count: number): string[] => {
      const out = new Array<string>(count);
      for (let i = 0; i < count; i++) out[i] = dictionary.names[e[from + i] as number] as string;
      return out;
    };
    return {
      id: this.ids[slot] as string,
      occurredAt: this.occurred[slot] as number,
      termNames: names(this.terms, at, terms),
      // A view, not a copy: a slot's entries never change (replacing a document takes a new slot).
      termCounts: this.counts.data.subarray(at, at + terms),
      services: names(this.services, at + terms, services),
      factorCategories: names(this.categories, at + terms + services, categories),
    };
  }

  private layout(slot: number): { at: number; terms: number; services: number; categories: number } {
    return {
      at: this.start.data[slot] as number,
      terms: this.termCount.data[slot] as number,
      services: this.serviceCount.data[slot] as number,
      categories: this.categoryCount.data[slot] as number,
    };
  }

  /** Renumbers the live slots from 0, dropping dead slots, their entries and postings. */
  private compact(): void {
    const live = [...this.slotOf.keys()].map((id) => this.vector(this.slotOf.get(id) as number));
    this.ids = [];
    this.slotOf.clear();
    this.start = new Int32List();
    this.termCount = new Int32List();
    this.serviceCount = new Int32List();
    this.categoryCount = new Int32List();
    this.entries = new Int32List(4096);
    this.counts = new Int32List(4096);
    this.termPostings.clear();
    this.servicePostings.clear();
    this.dead = 0;
    for (const vector of live) this.put(vector);
  }
}
