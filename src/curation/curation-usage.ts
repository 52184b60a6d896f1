/** The curation commands and their usage lines (kept apart so `brief status` does not load the curation CLI). */
export const CURATION_COMMANDS = new Set(['add-source', 'draft', 'accept']);

export const CURATION_USAGE = `  brief add-source FILE --id ID --publisher "..." --title "..." --date YYYY[-MM[-DD]] [--url URL] [--author "..."] [--kind document|record]
                                                               register a source and copy its text into the knowledge folder's corpus/
  brief draft ID                                               write drafts/ID.yaml: candidate events and facts from the source's text
  brief accept ID                                              move the draft's written items into the knowledge`;
