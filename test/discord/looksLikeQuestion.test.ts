import { describe, expect, it } from 'vitest';
import { isOnlyChat } from '../../src/discord/isOnlyChat.ts';
import { looksLikeQuestion } from '../../src/discord/looksLikeQuestion.ts';

describe('what the bot speaks up for when nobody asked it', () => {
  it.each(['can openai use aws now', 'openai can use aws now?', '<@123456789012345678> can openai use aws now', 'Does Microsoft still pay OpenAI?'])(
    'reads %j as a question',
    (text) => expect(looksLikeQuestion(text)).toBe(true),
  );

  it.each(['why?', 'who is that', 'is it', 'anyone here'])('reads the short %j as a question', (text) => expect(looksLikeQuestion(text)).toBe(true));

  it.each(['openai can use aws now, nice', 'good morning everyone', '<@123456789012345678>', 'ok', 'eh?', '<@123456789012345678> ok?', 'island trip was fun', 'anyway, nice work', 'canada wins'])('reads %j as conversation', (text) =>
    expect(looksLikeQuestion(text)).toBe(false),
  );
});

describe('chat that needs no notice', () => {
  it('reads at most 200 characters as chat', () => {
    const thanks = (length: number) => `thanks s${'o'.repeat(length - 'thanks s'.length)}`;
    expect(isOnlyChat(thanks(200))).toBe(true);
    expect(isOnlyChat(thanks(201))).toBe(false);
  });

  it.each(['thanks!', 'thanks bot, that helped!', 'lol', 'good bot'])('%j is only chat', (text) => expect(isOnlyChat(text)).toBe(true));
  it.each(['can openai use aws?', 'thanks, and when does the license end?', `thanks ${'a '.repeat(200)}`])('%j is more than chat', (text) =>
    expect(isOnlyChat(text)).toBe(false),
  );
});
