// Finds pages built in code: a template literal that interpolates values into HTML markup. Pages come from
// views in files, which escape every value by default; markup glued together in code escapes only what its
// author remembered to escape.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** The elements of HTML pages; words in angle brackets that are none of these (<token>, <currency>) pass. */
const HTML_TAG =
  /<\/?(?:!doctype|a|abbr|article|aside|b|body|br|button|caption|code|dd|details|div|dl|dt|em|fieldset|figcaption|figure|footer|form|h[1-6]|head|header|html|i|iframe|img|input|label|legend|li|link|main|meta|nav|ol|optgroup|option|p|pre|script|section|select|small|span|strong|style|summary|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|ul)(?=[\s>/])/i;

export interface HtmlInCode {
  file: string;
  line: number;
  text: string;
}

/** Every template literal of `source` that interpolates a value and holds HTML markup. */
export function htmlInCode(file: string, source: string): HtmlInCode[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: HtmlInCode[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTemplateExpression(node)) {
      const literal = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('${…}');
      if (HTML_TAG.test(literal)) {
        const { line } = tree.getLineAndCharacterOfPosition(node.getStart());
        found.push({ file, line: line + 1, text: literal.slice(0, 120) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

/** The code files below `folder` a page could be built in: TypeScript and browser scripts, tests left out. */
export function codeFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs)$/.test(entry.name))
    .filter((entry) => !/\.(spec|e2e-spec)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).some((part) => part === 'node_modules' || part === 'test'));
}

export function htmlInCodeUnder(folders: string[]): HtmlInCode[] {
  return folders.flatMap(codeFilesUnder).flatMap((file) => htmlInCode(file, readFileSync(file, 'utf8')));
}
