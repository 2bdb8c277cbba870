export const dialogueActs = ['thanks', 'greeting', 'farewell', 'acknowledgement', 'laughter', 'praise', 'reaction', 'help'] as const;
/** What a message that is not a question does: thanks, greets, laughs, asks what the bot can do… */
export type DialogueAct = (typeof dialogueActs)[number];
