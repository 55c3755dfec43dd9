import type { CreateSelfEvaluationRound, SelfEvaluationRound } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { api } from '#lib/api.ts';
import { problemText } from '#lib/problem-text.ts';

/**
 * Opening the year's self-evaluation round and issuing it (docs/domain/self-evaluation.md, "Rounds"):
 * the round is created with the client's UUIDv7 (a retry replays it), then `…/issue` is called again
 * and again — each call makes at most 200 self-evaluations — until the round says ISSUED. Progress is
 * the round as the last call answered it; a failure stops the loop, and issuing again carries on
 * where it stopped (the self-evaluations' ids are derived from the round and the project).
 */
export class SelfEvaluationRoundIssuer {
  round = $state.raw<SelfEvaluationRound | null>(null);
  running = $state(false);
  failure = $state<string | null>(null);
  /** How many issue calls have answered, so a person sees it move even while counts stand still. */
  calls = $state(0);

  constructor(readonly maxCalls = 500) {}

  async open(body: CreateSelfEvaluationRound): Promise<SelfEvaluationRound | null> {
    if (this.running) return null;
    this.failure = null;
    this.running = true;
    try {
      this.round = await api.post<SelfEvaluationRound>('/self-evaluation-rounds', body);
    } catch (error) {
      this.failure = problemText(error);
      return null;
    } finally {
      this.running = false;
    }
    return this.issue(this.round.id);
  }

  async issue(roundId: string): Promise<SelfEvaluationRound | null> {
    if (this.running) return null;
    this.failure = null;
    this.running = true;
    try {
      for (let i = 0; i < this.maxCalls; i++) {
        const round = await api.post<SelfEvaluationRound>(`/self-evaluation-rounds/${roundId}/issue`, {});
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
