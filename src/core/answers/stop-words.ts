/** Words that carry no subject: left out of questions and of the index. */
export const STOP_WORDS = new Set(
  (
    'a an and are as at be been being by can could did do does doing done for from had has have having i in ' +
    'into is it its me my of on or so than that the their them then there these they this those to was we were ' +
    'what when where which who whom whose why will with would you your about any some much many tell say says ' +
    'said told know knew please thanks thank explain describe give me us our he him his she her hers theirs ' +
    'one ones how if but not no yes just also still yet ever already again even really actually exactly ' +
    'currently right now today get got go going gone come came make made thing things stuff info information ' +
    'anything something happen happened happens happening want wanted wants mean means stand should shall may ' +
    'might must here like kind sort let lets s t d ll re ve m whats whos wheres hows isnt doesnt didnt ' +
    'wat wht whta waht hwo woh wen whn u ur r pls plz thx ok okay hi hey'
  ).split(' '),
);

/** Words that point back to what the thread is about. */
export const PRONOUNS = new Set(['it', 'its', 'they', 'them', 'their', 'he', 'him', 'his', 'she', 'her', 'this', 'that', 'these', 'those']);
