/**
 * The spot-check sample (抽查复核, docs/domain/self-evaluation.md#rounds-review-and-spot-check): the
 * round's final-approved self-evaluations are split into strata (department × department series ×
 * amount band) and from each stratum ceil(share × its size) are taken, the projects the bureau names
 * first and the rest at random. The dice are a PRNG seeded from the recorded seed and the stratum,
 * over the candidates in id order, so the same seed draws the same sample whatever order they came in.
 */

export interface SampleCandidate {
  id: string;
  projectId: string;
  departmentId: string;
  departmentSeries: string;
  /** 全年预算数 of every source, in fen. */
  amountFen: number;
}

export interface SampleOptions {
  /** Hex, as recorded on the round. */
  seed: string;
  /** Share of each stratum drawn, in percent. */
  sharePct: number;
  namedProjectIds: readonly string[];
  /** Upper bounds (fen, exclusive) of the amount bands; the last band is open. Default: below 100万, 100万–500万, 500万 and more. */
  bandLimitsFen?: readonly number[];
}

export interface Drawn {
  id: string;
  projectId: string;
  reason: 'RANDOM' | 'NAMED';
  stratum: string;
}

export const defaultBandLimitsFen: readonly number[] = [1_000_000_00, 5_000_000_00];

/** The band's index: 0 below the first limit, and so on. */
export const amountBand = (amountFen: number, limits: readonly number[] = defaultBandLimitsFen): number => {
  const index = limits.findIndex((limit) => amountFen < limit);
  return index === -1 ? limits.length : index;
};

/** FNV-1a over the text: a 32-bit seed for mulberry32. */
const seed32 = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
};

/** mulberry32: small, fast and the same on every engine; enough for a draw that only has to be repeatable. */
export const mulberry32 = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Pure: the same candidates (in any order) and options give the same sample, in id order. */
export const drawSample = (candidates: readonly SampleCandidate[], options: SampleOptions): Drawn[] => {
  const limits = options.bandLimitsFen ?? defaultBandLimitsFen;
  const named = new Set(options.namedProjectIds);
  const strata = new Map<string, SampleCandidate[]>();
  for (const c of candidates) {
    const key = `${c.departmentId}|${c.departmentSeries}|${amountBand(c.amountFen, limits)}`;
    strata.set(key, [...(strata.get(key) ?? []), c]);
  }
  const drawn: Drawn[] = [];
  for (const key of [...strata.keys()].sort()) {
    const members = [...(strata.get(key) ?? [])].sort(byId);
    const wanted = Math.ceil((options.sharePct * members.length) / 100);
    const namedHere = members.filter((c) => named.has(c.projectId));
    drawn.push(...namedHere.map((c) => ({ id: c.id, projectId: c.projectId, reason: 'NAMED' as const, stratum: key })));
    const rest = members.filter((c) => !named.has(c.projectId));
    const random = mulberry32(seed32(`${options.seed}|${key}`));
    // Fisher–Yates, stopped after the places needed.
    const places = Math.min(rest.length, Math.max(0, wanted - namedHere.length));
    for (let i = 0; i < places; i++) {
      const j = i + Math.floor(random() * (rest.length - i));
      [rest[i], rest[j]] = [rest[j] as SampleCandidate, rest[i] as SampleCandidate];
      const c = rest[i] as SampleCandidate;
      drawn.push({ id: c.id, projectId: c.projectId, reason: 'RANDOM', stratum: key });
    }
  }
  return drawn.sort(byId);
};
