import { DiscordAPIError, REST, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../support/emulator/index.ts';

/** Sends a raw REST call and returns Discord's error (or null on success), so each rule reads as one line. */
async function errorOf(call: Promise<unknown>): Promise<{ status: number; code: number | string; errors: unknown } | null> {
  try {
    await call;
    return null;
  } catch (error) {
    if (!(error instanceof DiscordAPIError)) throw error;
    const raw = error.rawError as { errors?: unknown };
    return { status: error.status, code: error.code, errors: raw.errors };
  }
}

const button = (customId: string, label = 'ok') => ({ type: 2, style: 1, custom_id: customId, label });
const row = (...components: unknown[]) => ({ type: 1, components });

describe('DiscordEmulator: payload limits over REST', () => {
  let emu: DiscordEmulator;
  let rest: REST;
  let post: (body: Record<string, unknown>) => Promise<unknown>;

  beforeAll(async () => {
    emu = await DiscordEmulator.start();
    rest = new REST({ api: emu.apiBase, retries: 0 }).setToken(emu.token);
    post = (body) => rest.post(Routes.channelMessages(emu.channels.general.id), { body });
  });

  afterAll(async () => {
    await emu.stop();
  });

  it('accepts a message at exactly the limits', async () => {
    const embed = { title: 't'.repeat(256), description: 'd'.repeat(4096), footer: { text: 'f'.repeat(1000) } };
    expect(await errorOf(post({ content: 'c'.repeat(2000), embeds: [embed], allowed_mentions: { parse: [] } }))).toBeNull();
  });

  it('rejects content over 2000 characters (counted in code points)', async () => {
    expect(await errorOf(post({ content: 'x'.repeat(2001) }))).toMatchObject({
      status: 400,
      code: 50035,
      errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
    });
    // 2000 emoji are 4000 UTF-16 units but 2000 characters to Discord.
    expect(await errorOf(post({ content: '😀'.repeat(2000) }))).toBeNull();
  });

  it('rejects an empty message with 50006', async () => {
    expect(await errorOf(post({ content: '' }))).toMatchObject({ status: 400, code: 50006 });
    expect(await errorOf(post({ content: '   ', embeds: [] }))).toMatchObject({ code: 50006 });
  });

  it('enforces every embed limit with a precise path', async () => {
    const fields = (n: number, name = 'n', value = 'v') => Array.from({ length: n }, () => ({ name, value }));
    const cases: [unknown, Record<string, unknown>][] = [
      [Array.from({ length: 11 }, () => ({ description: 'x' })), { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } }],
      [[{ title: 'x'.repeat(257) }], { embeds: { 0: { title: {} } } }],
      [[{ description: 'x'.repeat(4097) }], { embeds: { 0: { description: {} } } }],
      [[{ fields: fields(26) }], { embeds: { 0: { fields: { _errors: [{}] } } } }],
      [[{ fields: fields(1, 'x'.repeat(257)) }], { embeds: { 0: { fields: { 0: { name: {} } } } } }],
      [[{ fields: fields(1, 'n', 'x'.repeat(1025)) }], { embeds: { 0: { fields: { 0: { value: {} } } } } }],
      [[{ fields: fields(1, 'n', '') }], { embeds: { 0: { fields: { 0: { value: {} } } } } }],
      [[{ footer: { text: 'x'.repeat(2049) } }], { embeds: { 0: { footer: { text: {} } } } }],
      [[{ author: { name: 'x'.repeat(257) } }], { embeds: { 0: { author: { name: {} } } } }],
      [[{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }], { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } }],
      [[{ title: 'ok', url: 'not a url' }], { embeds: { 0: { url: { _errors: [{ code: 'URL_TYPE_INVALID_URL' }] } } } }],
    ];
    for (const [embeds, errors] of cases) {
      expect(await errorOf(post({ embeds })), JSON.stringify(errors)).toMatchObject({ status: 400, code: 50035, errors });
    }
  });

  it('enforces component limits', async () => {
    const cases: [unknown, Record<string, unknown>][] = [
      [Array.from({ length: 6 }, (_, i) => row(button(`b${i}`))), { components: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } }],
      [[row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`)))], { components: { 0: { components: { _errors: [{}] } } } }],
      [[row(button('b', 'x'.repeat(81)))], { components: { 0: { components: { 0: { label: {} } } } } }],
      [[row(button('x'.repeat(101)))], { components: { 0: { components: { 0: { custom_id: {} } } } } }],
      [[row(button('same'), button('same'))], { components: { 0: { components: { 1: { custom_id: { _errors: [{ code: 'COMPONENT_CUSTOM_ID_DUPLICATED' }] } } } } } }],
      [[row({ type: 3, custom_id: 's', options: Array.from({ length: 26 }, (_, i) => ({ label: `l${i}`, value: `v${i}` })) })], { components: { 0: { components: { 0: { options: {} } } } } }],
      [[row({ type: 3, custom_id: 's', options: [{ label: 'a', value: 'a' }] }, button('b'))], { components: { 0: { components: { 0: { _errors: [{ code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED' }] } } } } }],
      [[button('not-in-a-row')], { components: { 0: { type: {} } } }],
    ];
    for (const [components, errors] of cases) {
      expect(await errorOf(post({ content: 'c', components })), JSON.stringify(errors)).toMatchObject({ code: 50035, errors });
    }
  });

  it('rejects contradictory allowed_mentions and records whether allowed_mentions was present', async () => {
    const id = emu.users.member.id;
    expect(await errorOf(post({ content: `<@${id}>`, allowed_mentions: { parse: ['users'], users: [id] } }))).toMatchObject({
      errors: { allowed_mentions: { users: { _errors: [{ code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE' }] } } },
    });
    const pinged = (await post({ content: `<@${id}> @everyone` })) as { id: string; mentions: { id: string }[]; mention_everyone: boolean };
    const quiet = (await post({ content: `<@${id}> @everyone`, allowed_mentions: { parse: [] } })) as typeof pinged;
    // No allowed_mentions: the user is pinged; @everyone still needs Mention Everyone, which the bot lacks.
    expect(pinged.mentions.map((u) => u.id)).toEqual([id]);
    expect(pinged.mention_everyone).toBe(false);
    expect(quiet.mentions).toEqual([]);
    const writes = emu.messageWrites.filter((w) => w.messageId === pinged.id || w.messageId === quiet.id);
    expect(writes.map((w) => w.allowedMentionsPresent)).toEqual([false, true]);
  });

  it('enforces channel permissions and existence', async () => {
    expect(await errorOf(rest.post(Routes.channelMessages('1'), { body: { content: 'x' } }))).toMatchObject({ status: 404, code: 10003 });
    expect(await errorOf(rest.post(Routes.channelMessages(emu.channels.forum.id), { body: { content: 'x' } }))).toMatchObject({ code: 50008 });
    const someoneElses = emu.sendMessage({ content: 'user message' });
    expect(
      await errorOf(rest.patch(Routes.channelMessage(emu.channels.general.id, someoneElses.id), { body: { content: 'edited' } })),
    ).toMatchObject({ status: 403, code: 50005 });
    expect(await errorOf(post({ content: 'reply', message_reference: { message_id: '123' } }))).toMatchObject({
      errors: { message_reference: { _errors: [{ code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE' }] } },
    });
  });

  it('validates command registration the way Discord does', async () => {
    const put = (body: unknown[]) => rest.put(Routes.applicationCommands(emu.applicationId), { body });
    expect(await errorOf(put([{ name: 'Ask', description: 'd' }]))).toMatchObject({ errors: { 0: { name: {} } } });
    expect(await errorOf(put([{ name: 'ask', description: 'd'.repeat(101) }]))).toMatchObject({ errors: { 0: { description: {} } } });
    expect(
      await errorOf(
        put([
          {
            name: 'ask',
            description: 'd',
            options: [
              { type: 3, name: 'topic', description: 'd' },
              { type: 3, name: 'question', description: 'd', required: true },
            ],
          },
        ]),
      ),
    ).toMatchObject({ errors: { 0: { options: { 1: { required: { _errors: [{ code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID' }] } } } } } });
    const first = (await put([{ name: 'ask', description: 'd' }])) as { id: string }[];
    const second = (await put([{ name: 'ask', description: 'changed' }, { name: 'faq', description: 'd' }])) as { id: string }[];
    expect(second[0]?.id).toBe(first[0]?.id);
    expect(emu.commands().map((c) => c.description)).toEqual(['changed', 'd']);
  });

  it('answers unknown routes with a JSON 404 and unauthenticated calls with 401', async () => {
    const res = await fetch(`${emu.apiBase}/v10/nope`, { headers: { Authorization: `Bot ${emu.token}` } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: '404: Not Found', code: 0 });
    const unauth = await fetch(`${emu.apiBase}/v10/users/@me`, { headers: { Authorization: 'Bot wrong' } });
    expect(unauth.status).toBe(401);
    expect(await unauth.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    expect(emu.requests.at(-1)).toMatchObject({ route: '/users/@me', authenticated: false, status: 401 });
  });

  it('accepts multipart uploads with payload_json and serves the attachment back', async () => {
    const sent = (await rest.post(Routes.channelMessages(emu.channels.faq.id), {
      body: { content: 'see file', attachments: [{ id: 0, description: 'sources' }], allowed_mentions: { parse: [] } },
      files: [{ name: 'sources.txt', data: Buffer.from('https://example.com/source'), contentType: 'text/plain' }],
    })) as { attachments: { id: string; filename: string; url: string; description?: string }[] };
    expect(sent.attachments).toHaveLength(1);
    expect(sent.attachments[0]).toMatchObject({ filename: 'sources.txt', description: 'sources' });
    const request = emu.requests.at(-1);
    expect(request?.body).toMatchObject({ content: 'see file' });
    expect(request?.files).toMatchObject([{ field: 'files[0]', filename: 'sources.txt' }]);
    const download = await fetch(sent.attachments[0]!.url);
    expect(await download.text()).toBe('https://example.com/source');
  });
});
