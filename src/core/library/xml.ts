/**
 * A tiny XML well-formedness checker, enough to prove that generated SVG
 * parses: one root element, properly nested and closed tags, quoted and
 * unique attributes, known entities, no stray `<` or `&`. It does not
 * validate against a schema. Pure; used by the illustration tests.
 */

const NAME = /^[A-Za-z_:][A-Za-z0-9_.:-]*/;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Returns a list of problems; an empty list means the text is well-formed XML. */
export function xmlWellFormednessErrors(xml: string): string[] {
  const errors: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  let i = 0;

  const checkText = (text: string, at: number): void => {
    for (let k = text.indexOf('&'); k !== -1; k = text.indexOf('&', k + 1)) {
      if (!ENTITY.test(text.slice(k))) errors.push(`bad entity at ${at + k}`);
    }
    if (text.includes('<')) errors.push(`stray "<" at ${at}`);
  };

  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end === -1) return ['unterminated XML declaration'];
    i = end + 2;
  }

  while (i < xml.length && errors.length < 20) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (text.trim() !== '') {
      if (stack.length === 0) errors.push(`text outside the root element at ${i}`);
      checkText(text, i);
    }
    if (lt === -1) break;
    i = lt;

    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) {
        errors.push(`unterminated comment at ${i}`);
        break;
      }
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i);
      if (end === -1) {
        errors.push(`unterminated CDATA at ${i}`);
        break;
      }
      i = end + 3;
      continue;
    }

    if (xml[i + 1] === '/') {
      const m = NAME.exec(xml.slice(i + 2));
      const close = xml.indexOf('>', i);
      if (!m || close === -1 || xml.slice(i + 2 + m[0].length, close).trim() !== '') {
        errors.push(`malformed closing tag at ${i}`);
        break;
      }
      const open = stack.pop();
      if (open !== m[0]) errors.push(`closing </${m[0]}> at ${i} does not match <${open ?? '(none)'}>`);
      i = close + 1;
      continue;
    }

    // Start tag: name, attributes, then ">" or "/>".
    const m = NAME.exec(xml.slice(i + 1));
    if (!m) {
      errors.push(`bad tag name at ${i}`);
      break;
    }
    const name = m[0];
    let j = i + 1 + name.length;
    const seen = new Set<string>();
    let selfClosing = false;
    let ok = false;
    while (j < xml.length) {
      const ws = /^\s*/.exec(xml.slice(j));
      j += ws ? ws[0].length : 0;
      if (xml.startsWith('/>', j)) {
        selfClosing = true;
        j += 2;
        ok = true;
        break;
      }
      if (xml[j] === '>') {
        j += 1;
        ok = true;
        break;
      }
      const an = NAME.exec(xml.slice(j));
      if (!an || (ws?.[0].length ?? 0) === 0) {
        errors.push(`malformed attribute in <${name}> at ${j}`);
        break;
      }
      if (seen.has(an[0])) errors.push(`duplicate attribute ${an[0]} in <${name}>`);
      seen.add(an[0]);
      j += an[0].length;
      const eq = /^\s*=\s*/.exec(xml.slice(j));
      if (!eq) {
        errors.push(`attribute ${an[0]} in <${name}> has no value`);
        break;
      }
      j += eq[0].length;
      const quote = xml[j];
      if (quote !== '"' && quote !== "'") {
        errors.push(`attribute ${an[0]} in <${name}> is not quoted`);
        break;
      }
      const endQ = xml.indexOf(quote, j + 1);
      if (endQ === -1) {
        errors.push(`unterminated attribute ${an[0]} in <${name}>`);
        break;
      }
      checkText(xml.slice(j + 1, endQ), j + 1);
      j = endQ + 1;
    }
    if (!ok) {
      if (errors.length === 0) errors.push(`unterminated <${name}>`);
      break;
    }
    if (stack.length === 0) {
      roots += 1;
      if (roots > 1) errors.push(`second root element <${name}>`);
    }
    if (!selfClosing) stack.push(name);
    i = j;
  }

  if (stack.length > 0) errors.push(`unclosed element(s): ${stack.join(' > ')}`);
  if (roots === 0) errors.push('no root element');
  return errors;
}
