import { FormErrors } from './errors.ts';
import { asArray, asNumber, asObject, asString, isObject, textLength, type JsonObject } from './json.ts';

/** Discord's documented payload limits, in one place so tests and messages can quote them. */
export const Limits = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooterText: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionText: 100,
  selectPlaceholder: 150,
  modalTitle: 45,
  modalComponents: 5,
  textInputLabel: 45,
  textInputValue: 4000,
  textInputPlaceholder: 100,
  labelDescription: 100,
  componentsV2Total: 40,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  allowedMentionIds: 100,
  nonce: 25,
} as const;

type Path = readonly (string | number)[];

const MESSAGE_FLAG_COMPONENTS_V2 = 1 << 15;
/** Flags a bot may set when creating a message: SUPPRESS_EMBEDS, EPHEMERAL, SUPPRESS_NOTIFICATIONS, IS_VOICE_MESSAGE, IS_COMPONENTS_V2. */
const SETTABLE_MESSAGE_FLAGS = (1 << 2) | (1 << 6) | (1 << 12) | (1 << 13) | MESSAGE_FLAG_COMPONENTS_V2;
const SELECT_TYPES = new Set([3, 5, 6, 7, 8]);
const CHAT_INPUT_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkText(errors: FormErrors, path: Path, value: unknown, max: number, opts: { required?: boolean; min?: number } = {}): string | undefined {
  if (value === undefined || value === null) {
    if (opts.required) errors.required(path);
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
    return undefined;
  }
  const len = textLength(value);
  const min = opts.min ?? (opts.required ? 1 : 0);
  if (len > max) errors.maxLength(path, max);
  else if (len < min) {
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  }
  return value;
}

function checkUrl(errors: FormErrors, path: Path, value: unknown, required = false): void {
  const url = checkText(errors, path, value, 2048, { required });
  if (url === undefined) return;
  if (!/^(https?:\/\/[^\s/$.?#].[^\s]*|attachment:\/\/\S+)$/i.test(url)) {
    errors.add(path, 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
  }
}

function checkEmbed(errors: FormErrors, path: Path, raw: unknown): number {
  const embed = asObject(raw);
  if (!embed) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return 0;
  }
  let total = 0;
  const count = (s: string | undefined): void => {
    if (s) total += textLength(s);
  };
  count(checkText(errors, [...path, 'title'], embed['title'], Limits.embedTitle));
  count(checkText(errors, [...path, 'description'], embed['description'], Limits.embedDescription));
  if (embed['url'] !== undefined) checkUrl(errors, [...path, 'url'], embed['url']);
  if (embed['color'] !== undefined && embed['color'] !== null) {
    const color = asNumber(embed['color']);
    if (color === undefined || !Number.isInteger(color) || color < 0 || color > 0xffffff) {
      errors.add([...path, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
    }
  }
  if (embed['timestamp'] !== undefined && embed['timestamp'] !== null) {
    const ts = asString(embed['timestamp']);
    if (ts === undefined || Number.isNaN(Date.parse(ts))) {
      errors.add([...path, 'timestamp'], 'DATE_TIME_TYPE_PARSE', 'Could not parse timestamp. Should be ISO8601.');
    }
  }
  const footer = asObject(embed['footer']);
  if (footer) {
    count(checkText(errors, [...path, 'footer', 'text'], footer['text'], Limits.embedFooterText, { required: true }));
    if (footer['icon_url'] !== undefined) checkUrl(errors, [...path, 'footer', 'icon_url'], footer['icon_url']);
  }
  const author = asObject(embed['author']);
  if (author) {
    count(checkText(errors, [...path, 'author', 'name'], author['name'], Limits.embedAuthorName, { required: true }));
    if (author['url'] !== undefined) checkUrl(errors, [...path, 'author', 'url'], author['url']);
    if (author['icon_url'] !== undefined) checkUrl(errors, [...path, 'author', 'icon_url'], author['icon_url']);
  }
  for (const media of ['image', 'thumbnail'] as const) {
    const m = asObject(embed[media]);
    if (m) checkUrl(errors, [...path, media, 'url'], m['url'], true);
  }
  const fields = embed['fields'];
  if (fields !== undefined) {
    const list = asArray(fields);
    if (!list) errors.add([...path, 'fields'], 'BASE_TYPE_LIST', 'Must be a list.');
    else {
      if (list.length > Limits.embedFields) errors.maxLength([...path, 'fields'], Limits.embedFields);
      list.forEach((rawField, i) => {
        const field = asObject(rawField) ?? {};
        const p = [...path, 'fields', i];
        count(checkText(errors, [...p, 'name'], field['name'], Limits.embedFieldName, { required: true }));
        count(checkText(errors, [...p, 'value'], field['value'], Limits.embedFieldValue, { required: true }));
      });
    }
  }
  return total;
}

function checkButton(errors: FormErrors, path: Path, button: JsonObject, customIds: Map<string, Path>): void {
  const style = asNumber(button['style']);
  if (style === undefined || style < 1 || style > 6) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
  }
  checkText(errors, [...path, 'label'], button['label'], Limits.buttonLabel);
  if (button['label'] === undefined && button['emoji'] === undefined && style !== 6) {
    errors.add([...path, 'label'], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'Buttons must have a label or an emoji.');
  }
  if (style === 5) {
    checkUrl(errors, [...path, 'url'], button['url'], true);
    if (button['custom_id'] !== undefined) {
      errors.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'Link buttons cannot have a custom_id.');
    }
  } else if (style !== 6) {
    checkCustomId(errors, path, button['custom_id'], customIds);
    if (button['url'] !== undefined) {
      errors.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'Only link buttons can have a url.');
    }
  }
}

function checkCustomId(errors: FormErrors, path: Path, value: unknown, seen: Map<string, Path>): void {
  const id = checkText(errors, [...path, 'custom_id'], value, Limits.customId, { required: true });
  if (id === undefined) return;
  if (seen.has(id)) {
    errors.add([...path, 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  }
  seen.set(id, path);
}

function checkSelect(errors: FormErrors, path: Path, select: JsonObject, customIds: Map<string, Path>): void {
  checkCustomId(errors, path, select['custom_id'], customIds);
  checkText(errors, [...path, 'placeholder'], select['placeholder'], Limits.selectPlaceholder);
  for (const key of ['min_values', 'max_values'] as const) {
    const v = select[key];
    if (v === undefined) continue;
    const n = asNumber(v);
    const min = key === 'min_values' ? 0 : 1;
    if (n === undefined || n < min || n > Limits.selectOptions) {
      errors.add([...path, key], 'NUMBER_TYPE_MAX', `int value should be between ${min} and ${Limits.selectOptions}.`);
    }
  }
  if (select['type'] !== 3) return;
  const options = asArray(select['options']);
  if (!options || options.length === 0) {
    errors.add([...path, 'options'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
    return;
  }
  if (options.length > Limits.selectOptions) errors.maxLength([...path, 'options'], Limits.selectOptions);
  options.forEach((raw, i) => {
    const option = asObject(raw) ?? {};
    const p = [...path, 'options', i];
    checkText(errors, [...p, 'label'], option['label'], Limits.selectOptionText, { required: true });
    checkText(errors, [...p, 'value'], option['value'], Limits.selectOptionText, { required: true });
    checkText(errors, [...p, 'description'], option['description'], Limits.selectOptionText);
  });
}

function checkLegacyComponents(errors: FormErrors, path: Path, rows: unknown[]): void {
  if (rows.length > Limits.actionRows) errors.maxLength(path, Limits.actionRows);
  const customIds = new Map<string, Path>();
  rows.forEach((rawRow, r) => {
    const rowPath = [...path, r];
    const row = asObject(rawRow);
    if (!row || row['type'] !== 1) {
      errors.add([...rowPath, 'type'], 'COMPONENT_LAYOUT_INVALID', 'Top-level components must be action rows (type 1).');
      return;
    }
    const children = asArray(row['components']) ?? [];
    if (children.length === 0) errors.add([...rowPath, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
    if (children.length > Limits.rowButtons) errors.maxLength([...rowPath, 'components'], Limits.rowButtons);
    children.forEach((rawChild, c) => {
      const childPath = [...rowPath, 'components', c];
      const child = asObject(rawChild) ?? {};
      const type = child['type'];
      if (type === 2) checkButton(errors, childPath, child, customIds);
      else if (typeof type === 'number' && SELECT_TYPES.has(type)) {
        checkSelect(errors, childPath, child, customIds);
        // A select menu is as wide as the row, so it must be alone in it.
        if (children.length > 1) {
          errors.add(childPath, 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
        }
      } else {
        errors.add([...childPath, 'type'], 'COMPONENT_TYPE_INVALID', `Component type ${String(type)} is not allowed in a message action row.`);
      }
    });
  });
}

/** Components V2 trees are validated lightly: the total count and the custom ids of interactive leaves. */
function checkComponentsV2(errors: FormErrors, path: Path, components: unknown[]): void {
  let total = 0;
  const customIds = new Map<string, Path>();
  const walk = (list: unknown[], p: Path): void => {
    list.forEach((raw, i) => {
      const c = asObject(raw);
      if (!c) return;
      total++;
      const cp = [...p, i];
      if (c['type'] === 2) checkButton(errors, cp, c, customIds);
      else if (typeof c['type'] === 'number' && SELECT_TYPES.has(c['type'])) checkSelect(errors, cp, c, customIds);
      const nested = asArray(c['components']);
      if (nested) walk(nested, [...cp, 'components']);
      const accessory = asObject(c['accessory']);
      if (accessory) walk([accessory], [...cp, 'accessory']);
    });
  };
  walk(components, path);
  if (total > Limits.componentsV2Total) errors.maxLength(path, Limits.componentsV2Total);
}

function checkAllowedMentions(errors: FormErrors, path: Path, raw: unknown): void {
  if (raw === undefined || raw === null) return;
  const am = asObject(raw);
  if (!am) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const parse = asArray(am['parse']) ?? [];
  for (const [i, value] of parse.entries()) {
    if (value !== 'users' && value !== 'roles' && value !== 'everyone') {
      errors.add([...path, 'parse', i], 'BASE_TYPE_CHOICES', 'Value must be one of {"users", "roles", "everyone"}.');
    }
  }
  for (const kind of ['users', 'roles'] as const) {
    const ids = asArray(am[kind]);
    if (!ids) continue;
    if (ids.length > Limits.allowedMentionIds) errors.maxLength([...path, kind], Limits.allowedMentionIds);
    if (ids.length > 0 && parse.includes(kind)) {
      errors.add(
        [...path, kind],
        'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
        `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
      );
    }
  }
}

/**
 * Validates the fields a message create/edit body may carry. `path` prefixes every error, e.g. `['data']` for an
 * interaction callback, so the reported path matches where the bot put the field.
 */
/** A message nonce is an integer or a string of at most 25 characters. */
export function checkNonce(errors: FormErrors, path: Path, value: unknown): void {
  if (value === undefined || value === null || (typeof value === 'number' && Number.isInteger(value))) return;
  checkText(errors, path, value, Limits.nonce);
}

export function checkMessageFields(errors: FormErrors, path: Path, body: JsonObject): void {
  checkText(errors, [...path, 'content'], body['content'], Limits.content);
  const flags = asNumber(body['flags']) ?? 0;
  if (flags & ~SETTABLE_MESSAGE_FLAGS) {
    errors.add([...path, 'flags'], 'MESSAGE_FLAGS_INVALID', 'Invalid message flags.');
  }
  const isV2 = (flags & MESSAGE_FLAG_COMPONENTS_V2) !== 0;
  if (body['embeds'] !== undefined && body['embeds'] !== null) {
    const embeds = asArray(body['embeds']);
    if (!embeds) errors.add([...path, 'embeds'], 'BASE_TYPE_LIST', 'Must be a list.');
    else {
      if (embeds.length > Limits.embeds) errors.maxLength([...path, 'embeds'], Limits.embeds);
      let total = 0;
      embeds.forEach((embed, i) => {
        total += checkEmbed(errors, [...path, 'embeds', i], embed);
      });
      if (total > Limits.embedTotal) {
        errors.add([...path, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${Limits.embedTotal}`);
      }
    }
  }
  if (isV2) {
    for (const key of ['content', 'embeds'] as const) {
      const v = body[key];
      if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '') {
        errors.add([...path, key], 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2', `The '${key}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`);
      }
    }
  }
  if (body['components'] !== undefined && body['components'] !== null) {
    const components = asArray(body['components']);
    if (!components) errors.add([...path, 'components'], 'BASE_TYPE_LIST', 'Must be a list.');
    else if (isV2) checkComponentsV2(errors, [...path, 'components'], components);
    else checkLegacyComponents(errors, [...path, 'components'], components);
  }
  checkAllowedMentions(errors, [...path, 'allowed_mentions'], body['allowed_mentions']);
}

/** The 50006 rule: a message needs at least one visible part once the edit/creation is applied. */
export function isEmptyMessage(message: {
  content: string;
  embeds: readonly unknown[];
  components?: readonly unknown[];
  attachments: readonly unknown[];
  sticker_items?: readonly unknown[];
  poll?: unknown;
}): boolean {
  return (
    message.content.trim() === '' &&
    message.embeds.length === 0 &&
    (message.components?.length ?? 0) === 0 &&
    message.attachments.length === 0 &&
    (message.sticker_items?.length ?? 0) === 0 &&
    message.poll === undefined
  );
}

/** Text inputs live either in a legacy action row (label on the input) or in a Label component (label outside). */
function checkTextInput(errors: FormErrors, path: Path, input: JsonObject, inLabel: boolean, ids: Map<string, Path>): void {
  checkCustomId(errors, path, input['custom_id'], ids);
  const style = input['style'];
  if (style !== 1 && style !== 2) errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  if (inLabel) {
    if (input['label'] !== undefined) {
      errors.add([...path, 'label'], 'TEXT_INPUT_LABEL_NOT_ALLOWED', 'Text inputs inside a label component cannot have a label.');
    }
  } else {
    checkText(errors, [...path, 'label'], input['label'], Limits.textInputLabel, { required: true });
  }
  checkText(errors, [...path, 'value'], input['value'], Limits.textInputValue);
  checkText(errors, [...path, 'placeholder'], input['placeholder'], Limits.textInputPlaceholder);
  const min = input['min_length'];
  if (min !== undefined && (asNumber(min) === undefined || (min as number) < 0 || (min as number) > Limits.textInputValue)) {
    errors.add([...path, 'min_length'], 'NUMBER_TYPE_MAX', `int value should be between 0 and ${Limits.textInputValue}.`);
  }
  const max = input['max_length'];
  if (max !== undefined && (asNumber(max) === undefined || (max as number) < 1 || (max as number) > Limits.textInputValue)) {
    errors.add([...path, 'max_length'], 'NUMBER_TYPE_MAX', `int value should be between 1 and ${Limits.textInputValue}.`);
  }
}

export function checkModal(errors: FormErrors, path: Path, data: JsonObject): void {
  checkText(errors, [...path, 'title'], data['title'], Limits.modalTitle, { required: true });
  const ids = new Map<string, Path>();
  checkText(errors, [...path, 'custom_id'], data['custom_id'], Limits.customId, { required: true });
  const components = asArray(data['components']);
  if (!components || components.length === 0) {
    errors.add([...path, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
    return;
  }
  if (components.length > Limits.modalComponents) errors.maxLength([...path, 'components'], Limits.modalComponents);
  components.forEach((raw, i) => {
    const p = [...path, 'components', i];
    const c = asObject(raw) ?? {};
    if (c['type'] === 1) {
      const children = asArray(c['components']) ?? [];
      if (children.length !== 1) errors.add([...p, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 1 in length.');
      children.forEach((rawChild, j) => {
        const child = asObject(rawChild) ?? {};
        if (child['type'] === 4) checkTextInput(errors, [...p, 'components', j], child, false, ids);
        else errors.add([...p, 'components', j, 'type'], 'COMPONENT_TYPE_INVALID', 'Modal action rows may only contain text inputs.');
      });
    } else if (c['type'] === 18) {
      checkText(errors, [...p, 'label'], c['label'], Limits.textInputLabel, { required: true });
      checkText(errors, [...p, 'description'], c['description'], Limits.labelDescription);
      const inner = asObject(c['component']);
      if (!inner) errors.required([...p, 'component']);
      else if (inner['type'] === 4) checkTextInput(errors, [...p, 'component'], inner, true, ids);
      else if (typeof inner['type'] === 'number' && SELECT_TYPES.has(inner['type'])) checkSelect(errors, [...p, 'component'], inner, ids);
    } else if (c['type'] !== 10) {
      errors.add([...p, 'type'], 'COMPONENT_TYPE_INVALID', 'Modals accept action rows, labels and text displays.');
    }
  });
}

export function checkChoices(errors: FormErrors, path: Path, data: JsonObject): void {
  const choices = asArray(data['choices']);
  if (!choices) {
    errors.required([...path, 'choices']);
    return;
  }
  if (choices.length > Limits.autocompleteChoices) errors.maxLength([...path, 'choices'], Limits.autocompleteChoices);
  choices.forEach((raw, i) => checkChoice(errors, [...path, 'choices', i], raw));
}

function checkChoice(errors: FormErrors, path: Path, raw: unknown): void {
  const choice = asObject(raw) ?? {};
  checkText(errors, [...path, 'name'], choice['name'], Limits.choiceName, { required: true });
  const value = choice['value'];
  if (typeof value === 'string') checkText(errors, [...path, 'value'], value, Limits.choiceValue);
  else if (typeof value !== 'number') errors.required([...path, 'value']);
}

function checkCommandName(errors: FormErrors, path: Path, name: unknown, chatInput: boolean): void {
  const n = checkText(errors, path, name, Limits.commandName, { required: true });
  if (n === undefined || !chatInput) return;
  if (!CHAT_INPUT_NAME.test(n) || n !== n.toLowerCase()) {
    errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
}

function checkCommandOptions(errors: FormErrors, path: Path, rawOptions: unknown): void {
  if (rawOptions === undefined || rawOptions === null) return;
  const options = asArray(rawOptions);
  if (!options) {
    errors.add(path, 'BASE_TYPE_LIST', 'Must be a list.');
    return;
  }
  if (options.length > Limits.commandOptions) errors.maxLength(path, Limits.commandOptions);
  const names = new Set<string>();
  let seenOptional = false;
  options.forEach((raw, i) => {
    const p = [...path, i];
    const option = asObject(raw) ?? {};
    const type = asNumber(option['type']);
    if (type === undefined || type < 1 || type > 11) {
      errors.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.');
    }
    checkCommandName(errors, [...p, 'name'], option['name'], true);
    checkText(errors, [...p, 'description'], option['description'], Limits.commandDescription, { required: true });
    const name = asString(option['name']);
    if (name !== undefined) {
      if (names.has(name)) errors.add([...p, 'name'], 'APPLICATION_COMMAND_OPTION_NAME_NOT_UNIQUE', 'Option names must be unique');
      names.add(name);
    }
    if (type === 1 || type === 2) {
      checkCommandOptions(errors, [...p, 'options'], option['options']);
      return;
    }
    // Discord rejects a required option listed after an optional one, a classic registration-time failure.
    if (option['required'] === true && seenOptional) {
      errors.add([...p, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
    }
    if (option['required'] !== true) seenOptional = true;
    const choices = asArray(option['choices']);
    if (choices) {
      if (choices.length > Limits.autocompleteChoices) errors.maxLength([...p, 'choices'], Limits.autocompleteChoices);
      choices.forEach((c, j) => checkChoice(errors, [...p, 'choices', j], c));
      if (option['autocomplete'] === true && choices.length > 0) {
        errors.add([...p, 'autocomplete'], 'APPLICATION_COMMAND_AUTOCOMPLETE_INVALID', 'Autocomplete cannot be set when choices are present');
      }
    }
    for (const key of ['min_length', 'max_length'] as const) {
      const v = option[key];
      if (v !== undefined && (asNumber(v) === undefined || (v as number) < (key === 'min_length' ? 0 : 1) || (v as number) > 6000)) {
        errors.add([...p, key], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 6000.');
      }
    }
  });
}

/** Registration-time rules for one application command (name format, description, option ordering, choices). */
export function checkCommand(errors: FormErrors, path: Path, raw: unknown): void {
  if (!isObject(raw)) {
    errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const type = asNumber(raw['type']) ?? 1;
  checkCommandName(errors, [...path, 'name'], raw['name'], type === 1);
  if (type === 1) {
    checkText(errors, [...path, 'description'], raw['description'], Limits.commandDescription, { required: true });
    checkCommandOptions(errors, [...path, 'options'], raw['options']);
  } else if (raw['description'] !== undefined && raw['description'] !== '') {
    errors.add([...path, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have a description');
  }
}
