import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chatRegister, createChatRegister, dialogueActs, shortenElongation, type DialogueAct } from '../../src/text/chatRegister.ts';
import { readChatRegisterYaml, validateChatRegisterData } from '../../src/text/chatRegisterData.ts';
import { projectRoot } from '../support/compiled.ts';
import { normalizeText } from '../../src/text/normalizeText.ts';

const register = chatRegister();
/** Words as the engine hands them over: normalised, then the chat register's rewrites. */
const read = (message: string) => register.rewrite(normalizeText(message).split(' ').filter(Boolean));
const rewrite = (text: string) => register.rewrite(text.split(' ')).join(' ');

describe('chatRegister().rewrite', () => {
  it('spells out chat abbreviations', () => {
    expect(rewrite('wen does the license end')).toBe('when does the license end');
    expect(rewrite('r the terms new')).toBe('are the terms new');
    expect(rewrite('can u explain')).toBe('can you explain');
    expect(rewrite('is it exclusive rn')).toBe('is it exclusive right now');
    expect(rewrite('what do ppl think')).toBe('what do people think');
    expect(rewrite('does it depend on tech milestones')).toBe('does it depend on technology milestones');
  });

  it('spells out clipped words', () => {
    expect(rewrite('whats the max fee til the end of the yr')).toBe('what is the maximum fee until the end of the year');
    expect(rewrite('open mon thru fri')).toBe('open mon through fri');
    expect(rewrite('is the lib open 2 hrs later on the wknd')).toBe('is the library open 2 hours later on the weekend');
  });

  it('shortens letters repeated three or more times', () => {
    expect(rewrite('sooo')).toBe('so');
    expect(rewrite('pleaseee')).toBe('please');
    expect(rewrite('is it sooo over')).toBe('is it so over');
  });

  it('leaves plain words alone', () => {
    expect(rewrite('does openai still pay microsoft')).toBe('does openai still pay microsoft');
  });
});

describe('shortenElongation', () => {
  it('keeps a double letter when that makes the word', () => {
    expect(shortenElongation('gooood')).toBe('good');
    expect(shortenElongation('cooool')).toBe('cool');
  });

  it('leaves words without a run of three alone', () => {
    expect(shortenElongation('too')).toBe('too');
    expect(shortenElongation('letter')).toBe('letter');
  });
});

describe('chatRegister().dropFiller', () => {
  it('removes words that only colour the message', () => {
    expect(register.dropFiller(['tbh', 'the', 'license', 'ngl', 'is', 'fine'])).toEqual(['the', 'license', 'is', 'fine']);
  });

  it('keeps every word that carries meaning', () => {
    expect(register.dropFiller(['is', 'the', 'license', 'exclusive'])).toEqual(['is', 'the', 'license', 'exclusive']);
  });
});

describe('chatRegister().dialogueActOf', () => {
  it.each<[string, DialogueAct]>([
    ['thanks so much bot', 'thanks'],
    ['thx!!', 'thanks'],
    ['hey everyone', 'greeting'],
    ['lol', 'laughter'],
    ['good bot', 'praise'],
    ['what can you do', 'help'],
  ])('reads %j as %s', (message, act) => {
    expect(register.dialogueActOf(read(message))).toBe(act);
  });

  it('is null when thanks come with a question', () => {
    expect(register.dialogueActOf(read('thanks! when does the license end'))).toBeNull();
  });

  it('is null for a real question', () => {
    expect(register.dialogueActOf(read('does openai still pay microsoft a revenue share?'))).toBeNull();
    expect(register.dialogueActOf(read('can openai use aws'))).toBeNull();
  });

  it.each(['hi who', 'thanks what', 'hey everyone who', 'thanks so much bot why'])('is null for %j: one word left over asks something', (message) => {
    expect(register.dialogueActOf(read(message))).toBeNull();
  });

  it('is null for an empty message', () => {
    expect(register.dialogueActOf([])).toBeNull();
  });

  // Thanks after an answer come in every shape: a statement about the answer ("that's really
  // helpful"), thanks before or after it, degree words. Every combination is chat, none a question.
  const statements = ["that's", 'this was', 'it is', "you've been", 'that was'];
  const degrees = ['', 'really ', 'super ', 'very ', 'so '];
  const evaluations = ['helpful', 'useful', 'a big help', 'perfect', 'exactly what I needed', 'clear'];
  const thanks = ['thanks', 'thx a lot', 'thank you!', 'cheers', 'ty', 'ok got it'];
  const thanked = statements.flatMap((statement) =>
    degrees.flatMap((degree) =>
      evaluations.flatMap((evaluation) => thanks.flatMap((word) => [`${word}, ${statement} ${degree}${evaluation}!`, `${statement} ${degree}${evaluation}, ${word}`])),
    ),
  );

  it(`reads thanks around a statement about the answer as chat (${thanked.length} combinations)`, () => {
    const missed = thanked.filter((message) => register.dialogueActOf(read(message)) === null);
    expect(missed).toEqual([]);
  });

  it.each<[string, DialogueAct]>([
    ["thanks, that's really helpful!", 'thanks'],
    ['thx a lot that helps', 'thanks'],
    ['perfect, cheers', 'thanks'],
    ['ok got it thank you', 'thanks'],
    ["appreciate the help, that answers my question", 'thanks'],
    ["you're the best", 'praise'],
    ['that makes a lot of sense', 'acknowledgement'],
  ])('reads %j as %s', (message, act) => {
    expect(register.dialogueActOf(read(message))).toBe(act);
  });

  it.each([
    'thanks, and what about azure?',
    "thanks, that's helpful, but does it apply to aws?",
    'is that really helpful?',
    'was that helpful',
    'is that right',
    'is it clear',
    'ok so is it exclusive',
  ])('is null for %j, which still asks something', (message) => {
    expect(register.dialogueActOf(read(message))).toBeNull();
  });
});

describe('createChatRegister and validateChatRegisterData', () => {
  const emptyDialogue = Object.fromEntries(dialogueActs.map((act) => [act, [] as string[]])) as Record<DialogueAct, string[]>;

  it('builds a register from valid data', () => {
    const custom = createChatRegister({
      words: { hello: ['hullo'] },
      drop: ['meh'],
      dialogue: { ...emptyDialogue, thanks: ['ta'] },
      dialogueFiller: ['bot'],
    });
    expect(custom.rewrite(['hullo', 'there'])).toEqual(['hello', 'there']);
    expect(custom.dropFiller(['meh', 'fine'])).toEqual(['fine']);
    expect(custom.dialogueActOf(['ta', 'bot'])).toBe('thanks');
    expect(custom.dialogueActOf(['ta', 'mate'])).toBeNull();
  });

  it('reads a message as chat only when the act phrases and filler cover every word of it', () => {
    const custom = createChatRegister({ words: {}, drop: [], dialogue: { ...emptyDialogue, thanks: ['ta'], help: ['who are you'] }, dialogueFiller: ['bot'] });
    expect(custom.dialogueActOf(['who', 'are', 'you', 'bot'])).toBe('help');
    // Every word is a dialogue word, but "who" is no phrase on its own.
    expect(custom.dialogueActOf(['ta', 'who'])).toBeNull();
    expect(custom.dialogueActOf(['ta', 'you', 'bot'])).toBeNull();
  });

  it('reads at most twelve words as chat', () => {
    const custom = createChatRegister({ words: {}, drop: [], dialogue: { ...emptyDialogue, thanks: ['ta'] }, dialogueFiller: [] });
    expect(custom.dialogueActOf(Array<string>(12).fill('ta'))).toBe('thanks');
    expect(custom.dialogueActOf(Array<string>(13).fill('ta'))).toBeNull();
  });

  it('rejects data missing sections, naming the file and the section', () => {
    expect(() => validateChatRegisterData({ words: {}, drop: [] })).toThrow(/src\/text\/data\/chat-register\.yaml is invalid.*dialogue/);
  });

  it('rejects an unknown dialogue act', () => {
    expect(() => validateChatRegisterData({ words: {}, drop: [], dialogue: { ...emptyDialogue, shrug: ['meh'] }, dialogueFiller: [] })).toThrow(
      /chat-register\.yaml is invalid: dialogue/,
    );
  });

  it('rejects a blank phrase', () => {
    expect(() => validateChatRegisterData({ words: {}, drop: [''], dialogue: emptyDialogue, dialogueFiller: [] })).toThrow(
      /chat-register\.yaml is invalid: drop/,
    );
    expect(() => validateChatRegisterData({ words: {}, drop: [], dialogue: emptyDialogue, dialogueFiller: ['  '] })).toThrow(
      /chat-register\.yaml is invalid: dialogueFiller/,
    );
  });

  it('rejects data that is not an object', () => {
    expect(() => validateChatRegisterData('words: []')).toThrow(/chat-register\.yaml is invalid/);
  });
});

describe('the compiled chat register (npm run build)', () => {
  it('holds exactly what the YAML holds, checked', () => {
    const compiled: unknown = JSON.parse(readFileSync(path.join(projectRoot, 'dist', 'src', 'text', 'data', 'chat-register.json'), 'utf8'));
    expect(compiled).toStrictEqual(readChatRegisterYaml());
  });
});
