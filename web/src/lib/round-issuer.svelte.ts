import { api } from '#lib/api.ts';
import { problemText } from '#lib/problem-text.ts';

/**
 * Opening a round and issuing it, for monitoring (`/monitoring-rounds`) and self-evaluation
 * (`/self-evaluation-rounds`) alike: the round is created with the client's UUIDv7 (a retry replays it),
 * then `…/issue` is called again and again — each call makes the next batch of the round's records —
 * until the round is no longer OPENING. Progress is the round as the last call answered it; a failure
 * stops the loop, and issuing again carries on where it stopped (the records' ids are derived).
 */
export class RoundIssuer<Round extends { id: string; roundStatus: string }, Create> {
  round = $state.raw<Round | null>(null);
  running = $state(false);
  failure = $state<string | null>(null);
  /** How many issue calls have answered, so a person sees it move even while counts stand still. */
  calls = $state(0);

  constructor(
    /** The rounds' collection under /api/v1. */
    readonly path: string,
    readonly maxCalls = 500,
  ) {}

  async open(body: Create): Promise<Round | null> {
    if (this.running) return null;
    this.failure = null;
    this.running = true;
    try {
      this.round = await api.post<Round>(this.path, body);
    } catch (error) {
      this.failure = problemText(error);
      return null;
    } finally {
      this.running = false;
    }
    return this.issue(this.round.id);
  }

  async issue(roundId: string): Promise<Round | null> {
    if (this.running) return null;
    this.failure = null;
    this.running = true;
    try {
      for (let i = 0; i < this.maxCalls; i++) {
        const round = await api.post<Round>(`${this.path}/${roundId}/issue`, {});
        this.round = round;
        this.calls++;
        if (round.roundStatus !== 'OPENING') return round;
      }
      return this.round;
    } catch (error) {
      this.failure = problemText(error);
      return null;
    } finally {
      this.running = false;
    }
  }
}
