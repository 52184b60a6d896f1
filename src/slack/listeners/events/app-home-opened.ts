import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { publishHome } from '../../app-home.js';
import type { SlackDeps } from '../../slack-deps.js';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

/** `app_home_opened` on the Home tab: publishes that person's App Home (views.publish). The Messages tab needs nothing. */
export function appHomeOpened(deps: SlackDeps) {
  return async ({ event, client }: Args): Promise<void> => {
    const home = deps.home;
    if (!home || event.tab !== 'home' || !event.user) return;
    const user = event.user;
    deps.queue.push(async () => {
      if (await publishHome(client, home, deps.logger, user)) deps.homeViewers?.add(user);
    });
  };
}
