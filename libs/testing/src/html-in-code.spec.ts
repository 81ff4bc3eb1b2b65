import path from 'node:path';
import { htmlInCode, htmlInCodeUnder } from './html-in-code';

const root = path.resolve(__dirname, '../../..');

it('finds no page built by interpolating into a template literal anywhere in apps/ and libs/', () => {
  const found = htmlInCodeUnder([path.join(root, 'apps'), path.join(root, 'libs')]).map(
    (place) => `${path.relative(root, place.file)}:${place.line} ${place.text}`,
  );
  expect(found).toEqual([]);
});

describe('the search for HTML built in code', () => {
  it.each([
    ['a paragraph around a value', 'const html = `<p class="done">${notice.text}</p>`;'],
    ['a doctype with a title', 'return `<!doctype html>\n<title>${title}</title>`;'],
    ['an option in a list', 'items.map((item) => `<option value="${item.value}">${item.label}</option>`)'],
    ['a closing tag after a value', 'const cell = `${name}</td>`;'],
    ['a browser script that writes markup', 'box.innerHTML = `<span>${space.name}</span>`;'],
  ])('finds %s', (_name, source) => {
    expect(htmlInCode('planted.ts', source)).toEqual([
      expect.objectContaining({ file: 'planted.ts', line: 1 }),
    ]);
  });

  it.each([
    ['words in angle brackets', 'const problem = `must name <currency> or ${names}`;'],
    ['a placeholder of an address', 'const doc = `a link to ${base}/<token>`;'],
    ['markup without a value in it', 'const base = `<base target="_blank">`;'],
    ['markup in a plain string', 'const base = \'<base target="_blank">\' + html;'],
    ['a comparison', 'const ok = `${a < b}`;'],
  ])('lets %s pass', (_name, source) => {
    expect(htmlInCode('planted.ts', source)).toEqual([]);
  });

  it('names the line of each place it finds', () => {
    const source = ['const a = 1;', '', 'const b = `<li>${a}</li>`;', 'const c = `<div>${b}</div>`;'].join(
      '\n',
    );
    expect(htmlInCode('planted.ts', source).map((place) => place.line)).toEqual([3, 4]);
  });
});
