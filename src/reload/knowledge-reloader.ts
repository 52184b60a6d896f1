import { watch, type FSWatcher } from 'node:fs';
import { sep } from 'node:path';
import type { KnowledgeHolder } from '../core/knowledge/knowledge-holder.js';
import { knowledgeVersion } from '../core/news/knowledge-on.js';
import type { Logger } from '../core/ports.js';
import { DRAFTS_FOLDER } from '../core/knowledge/folders.js';
import type { Opened } from '../open-knowledge.js';
import type { Knowledge } from '../core/knowledge/parse-knowledge.js';

export interface ReloaderOptions {
  holder: KnowledgeHolder;
  knowledgeDir: string;
  corpusDir: string;
  logger: Logger;
  /** Quiet time after the last change before reloading (an editor's save is several events). */
  debounceMs?: number;
  /** Listen for SIGHUP (default true). */
  sighup?: boolean;
  /** Paths in messages are relative to it. */
  base?: string;
  /** Called with the new knowledge after each successful swap (metrics follow the knowledge served). */
  onSwap?: (knowledge: Knowledge) => void;
}

export type ReloadOutcome = { ok: true; version: string } | { ok: false; problems: string[] };

/**
 * Reloads a running bot's knowledge without a restart: on a change in the knowledge folder (after a quiet
 * time) and on SIGHUP, it reads and checks the files in full, the same way the bot does at start, and swaps
 * the new knowledge in at once. An invalid change is logged with every `file:line` and the bot keeps serving
 * what it had. Changes in `drafts/` are ignored: drafts are never loaded.
 */
export class KnowledgeReloader {
  private watcher: FSWatcher | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<ReloadOutcome> | null = null;
  private again = false;
  private readonly onSighup = (): void => {
    void this.reload('SIGHUP');
  };

  constructor(private readonly options: ReloaderOptions) {}

  /** Starts watching the folder (and SIGHUP). */
  start(): void {
    const { knowledgeDir, logger } = this.options;
    try {
      this.watcher = watch(knowledgeDir, { recursive: true, persistent: false }, (_event, file) => {
        const name = file ? String(file) : '';
        if (name === DRAFTS_FOLDER || name.startsWith(`${DRAFTS_FOLDER}${sep}`)) return;
        this.schedule();
      });
      this.watcher.on('error', (error) => {
        logger.warn({ event: 'knowledge.watch-failed', error: error.message }, 'watching the knowledge folder failed; SIGHUP still reloads it');
      });
    } catch (error) {
      logger.warn({ event: 'knowledge.watch-failed', error: error instanceof Error ? error.message : String(error) }, 'cannot watch the knowledge folder; SIGHUP still reloads it');
    }
    if (this.options.sighup ?? true) process.on('SIGHUP', this.onSighup);
    logger.info({ event: 'knowledge.watching', dir: knowledgeDir }, 'reloading the knowledge when its files change or on SIGHUP');
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload('file change');
    }, this.options.debounceMs ?? 300);
    this.timer.unref?.();
  }

  /** Reloads now (one reload at a time; a request during one runs once more after it). */
  reload(reason: string): Promise<ReloadOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let outcome: ReloadOutcome;
      do {
        this.again = false;
        outcome = await this.loadOnce(reason);
      } while (this.again);
      return outcome;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async loadOnce(reason: string): Promise<ReloadOutcome> {
    const { holder, knowledgeDir, corpusDir, logger } = this.options;
    let opened: Opened;
    try {
      // The YAML parser and the checks are loaded on the first reload, not when the bot starts.
      const { openKnowledge } = await import('../open-knowledge.js');
      opened = openKnowledge(knowledgeDir, corpusDir, this.options.base);
    } catch (error) {
      // A file removed or unreadable mid-read: keep serving, the next change reloads again.
      const problems = [`${knowledgeDir}: ${error instanceof Error ? error.message : String(error)}`];
      logger.error({ event: 'knowledge.reload-failed', reason, problems }, 'the knowledge could not be read; still serving the previous knowledge');
      return { ok: false, problems };
    }
    if (!opened.ok) {
      const problems = opened.report.split('\n').filter((line) => /^.+:\d+: /.test(line));
      logger.error(
        { event: 'knowledge.reload-failed', reason, problems },
        `the changed knowledge is invalid (${problems.length} problem(s)); still serving the previous knowledge`,
      );
      return { ok: false, problems };
    }
    const version = knowledgeVersion(opened.knowledge);
    holder.swap(opened.knowledge);
    this.options.onSwap?.(opened.knowledge);
    logger.info({ event: 'knowledge.reloaded', reason, version, generation: holder.generation }, opened.summary);
    return { ok: true, version };
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    process.off('SIGHUP', this.onSighup);
  }
}
