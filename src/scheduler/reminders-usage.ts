/** The `brief reminders` lines of the CLI's usage (kept apart so `brief --help` does not load the reminders CLI). */
export const REMINDERS_USAGE = `  brief reminders run [--now <ISO>] [--json]                   run one reminder tick: send what is due
  brief reminders plan --from <ISO> --to <ISO> [--json]       list the reminders a subscribed channel would get in a window`;
