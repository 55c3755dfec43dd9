import type { ExportJob } from '@jixiao/core/export-jobs/export-job.ts';

/**
 * The bureau's exports across departments (docs/domain/daily-work.md#exports-across-departments) as the web app
 * follows them: asking for one, the list newest first, and reading again the jobs still moving until each is done.
 */

/** Whether a job may still move, so the page keeps reading it; a stalled one will not. */
export const isActive = (job: Pick<ExportJob, 'state' | 'stalled'>): boolean =>
  (job.state === 'QUEUED' || job.state === 'RUNNING') && !job.stalled;

/** How the manager reads the server (#lib/export-jobs.ts), passed in so its logic is tested without one. */
export interface ExportReads {
  page(cursor?: string): Promise<{ items: ExportJob[]; nextCursor?: string | undefined }>;
  one(id: string): Promise<ExportJob>;
}

export class ExportJobsManager {
  items = $state.raw<ExportJob[]>([]);
  nextCursor = $state<string | undefined>(undefined);
  error = $state.raw<unknown>(null);
  loading = $state(false);
  readonly #reads: ExportReads;

  constructor(reads: ExportReads) {
    this.#reads = reads;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const page = await this.#reads.page();
      this.items = page.items;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  /** The next page, after those shown (followed until the server says there is no more). */
  async more(): Promise<void> {
    if (!this.nextCursor) return;
    try {
      const page = await this.#reads.page(this.nextCursor);
      const shown = new Set(this.items.map((j) => j.id));
      this.items = [...this.items, ...page.items.filter((j) => !shown.has(j.id))];
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.error = error;
    }
  }

  /** A job just asked for goes on top (once, even if the list already had it). */
  add(job: ExportJob): void {
    this.items = [job, ...this.items.filter((j) => j.id !== job.id)];
  }

  #replace(job: ExportJob): void {
    this.items = this.items.map((j) => (j.id === job.id ? job : j));
  }

  /** Reads again each job still moving; answers whether any still is. A failed read leaves the job as shown. */
  async refresh(): Promise<boolean> {
    const moving = this.items.filter(isActive);
    const read = await Promise.allSettled(moving.map((j) => this.#reads.one(j.id)));
    for (const result of read) if (result.status === 'fulfilled') this.#replace(result.value);
    return this.items.some(isActive);
  }

  /** A fresh link to a done job's file (links live ten minutes, so one is asked for at each download). */
  async linkOf(id: string): Promise<string | null> {
    const job = await this.#reads.one(id);
    this.#replace(job);
    return job.download?.url ?? null;
  }
}
