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
