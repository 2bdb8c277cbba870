import { describe, expect, it } from 'vitest';
import { parseYamlText } from '../../src/knowledge/yamlFile.ts';
import { appendRecord, readRecordList, removeRecord, replaceRecord, type RecordLayout } from '../../src/store/yamlRecordList.ts';

const layout: RecordLayout = [['id', 'plain'], ['name', 'plain'], ['tags', 'flow-list']];
const file = 'knowledge/things.yaml';
const text = `# Things, written by hand.
things:
  - id: one
    name: First   # a comment that must stay
    tags: [a,b]

  - id: two
    name: Second
    tags: [c]
`;
const listOf = (source: string) => {
  const parsed = parseYamlText(source, file);
  return readRecordList(source, 'things', file, { document: parsed.document!, data: parsed.data });
};

describe('splicing one record of a YAML list', () => {
  it('changes only that record, and hands back the parse of the new text under the file’s path', () => {
    const edited = replaceRecord(listOf(text), 1, { id: 'two', name: 'Second, renamed', tags: ['c', 'd'] }, layout);
    expect(edited.text).toBe(text.replace('name: Second\n    tags: [c]', 'name: Second, renamed\n    tags: [c, d]'));
    expect(edited.parsed?.displayPath).toBe(file);
    expect(edited.parsed?.problems).toEqual([]);
    expect(edited.parsed?.data).toEqual(parseYamlText(edited.text, file).data);
  });

  it('keeps every field the edit leaves as it was byte for byte: its wrapping, quoting, comments and order', () => {
    const handMade = `things:
  - id: one
    tags: [a,b]
    # Said by hand, wrapped by hand.
    quote: >-
      A sentence wrapped
      early, by hand, as the editor liked it.
    name: 'First'   # single quotes, and a comment
`;
    const quoteLayout: RecordLayout = [['id', 'plain'], ['name', 'plain'], ['tags', 'flow-list'], ['quote', 'block']];
    const record = { id: 'one', tags: ['a', 'b', 'c'], quote: 'A sentence wrapped early, by hand, as the editor liked it.', name: 'First' };
    const edited = replaceRecord(listOf(handMade), 0, record, quoteLayout);
    expect(edited.text).toBe(handMade.replace('tags: [a,b]', 'tags: [a, b, c]'));
    // A field new to the record goes where the layout puts it among the others.
    const more = replaceRecord(listOf(handMade), 0, { ...record, tags: ['a', 'b'], extra: 'x' }, [...quoteLayout.slice(0, 2), ['extra', 'plain'], ...quoteLayout.slice(2)]);
    expect(more.text).toBe(handMade.replace("    name: 'First'   # single quotes, and a comment\n", "    name: 'First'   # single quotes, and a comment\n    extra: x\n"));
  });

  it('adds and removes records with their parse too', () => {
    const added = appendRecord(listOf(text), { id: 'three', name: 'Third', tags: [] }, layout);
    expect(added.parsed?.data).toEqual({ things: [{ id: 'one', name: 'First', tags: ['a', 'b'] }, { id: 'two', name: 'Second', tags: ['c'] }, { id: 'three', name: 'Third', tags: [] }] });
    const removed = removeRecord(listOf(added.text), 0);
    expect(removed.text).not.toContain('a comment that must stay');
    expect(removed.parsed?.data).toEqual({ things: [{ id: 'two', name: 'Second', tags: ['c'] }, { id: 'three', name: 'Third', tags: [] }] });
  });

  it('rebuilds the list, with no parse to reuse, when the edited record held an anchor another record uses', () => {
    const shared = `things:
  - id: one
    name: First
    tags: &common [a, b]
  - id: two
    name: Second
    tags: *common
`;
    const edited = replaceRecord(listOf(shared), 0, { id: 'one', name: 'First', tags: ['z'] }, layout);
    expect(edited.parsed).toBeNull();
    expect(parseYamlText(edited.text, file).data).toEqual({ things: [{ id: 'one', name: 'First', tags: ['z'] }, { id: 'two', name: 'Second', tags: ['a', 'b'] }] });
    // The record holding the alias, edited elsewhere: its alias cannot stand alone, its values are written out.
    const aliasing = replaceRecord(listOf(shared), 1, { id: 'two', name: 'Second, renamed', tags: ['a', 'b'] }, layout);
    expect(parseYamlText(aliasing.text, file).data).toEqual({ things: [{ id: 'one', name: 'First', tags: ['a', 'b'] }, { id: 'two', name: 'Second, renamed', tags: ['a', 'b'] }] });
  });
});
