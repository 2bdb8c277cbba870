import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/compiled.ts';

// What discord.js sends with: messages, edits, deferrals, forms, autocomplete answers.
const sendMethods = new Set(['reply', 'editReply', 'followUp', 'update', 'send', 'deferReply', 'deferUpdate', 'showModal', 'respond', 'fetchReply', 'deleteReply', 'edit']);
const sendModule = path.join(projectRoot, 'src/discord/send.ts');

/** Every call of a discord.js send method in src/ and commands/, found by the type checker (not by name: `hash.update` is not one). */
function discordSendCalls(): { file: string; line: number; method: string }[] {
  const configFile = ts.readConfigFile(path.join(projectRoot, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, projectRoot);
  const ours = (file: string) => file.startsWith(path.join(projectRoot, 'src') + path.sep) || file.startsWith(path.join(projectRoot, 'commands') + path.sep);
  const program = ts.createProgram(parsed.fileNames.filter(ours), parsed.options);
  const checker = program.getTypeChecker();
  const calls: { file: string; line: number; method: string }[] = [];
  for (const source of program.getSourceFiles()) {
    if (!ours(path.resolve(source.fileName))) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && sendMethods.has(node.expression.name.text)) {
        const declarations = checker.getSymbolAtLocation(node.expression.name)?.declarations ?? [];
        if (declarations.some((declaration) => /[\\/]node_modules[\\/](discord\.js|@discordjs)[\\/]/.test(declaration.getSourceFile().fileName))) {
          calls.push({ file: path.resolve(source.fileName), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, method: node.expression.name.text });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

describe('the send module', () => {
  it('is the only code that calls discord.js send methods, so no message skips no-pings, the length limit or the nonce', () => {
    const calls = discordSendCalls();
    // The scan sees discord.js calls at all: the send module's own.
    expect(calls.filter((call) => call.file === sendModule).length).toBeGreaterThanOrEqual(9);
    const elsewhere = calls.filter((call) => call.file !== sendModule).map((call) => `${path.relative(projectRoot, call.file)}:${call.line} .${call.method}()`);
    expect(elsewhere).toEqual([]);
  }, 120_000);
});
