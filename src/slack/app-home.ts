import type { webApi } from '@slack/bolt';
import type { HomeOverviewSource } from '../core/home.js';
import { renderSlackHome } from '../render/slack-home.js';
import type { SlackLogger } from './slack-deps.js';
import { describeSlackError } from './slack-errors.js';

/** Publishes a person's App Home (views.publish): on app_home_opened, and when their reminders change. Never throws. */
export async function publishHome(client: webApi.WebClient, overview: HomeOverviewSource, logger: SlackLogger, userId: string): Promise<boolean> {
  try {
    const view = renderSlackHome(await overview('slack', userId));
    await client.views.publish({ user_id: userId, view });
    logger.info({ event: 'slack.home', user: userId, outcome: 'published', blocks: view.blocks.length }, 'published the App Home');
    return true;
  } catch (error) {
    logger.warn({ event: 'slack.home', user: userId, outcome: 'failed', error: describeSlackError(error).code }, 'could not publish the App Home');
    return false;
  }
}

/**
 * The people whose App Home this copy of the app has published since it started: when the knowledge is
 * reloaded, or someone changes a channel's reminders, each of them gets theirs again (views.publish replaces
 * a view, so a second copy of the app doing the same is harmless).
 */
export class HomeViewers {
  private readonly users = new Set<string>();

  add(userId: string): void {
    this.users.add(userId);
  }

  /** Publishes every known person's App Home again (but `except`); resolves with how many were published. */
  async refresh(client: webApi.WebClient, overview: HomeOverviewSource, logger: SlackLogger, except?: string): Promise<number> {
    let published = 0;
    for (const user of this.users) if (user !== except && (await publishHome(client, overview, logger, user))) published++;
    return published;
  }
}
