import assert from 'node:assert/strict';
import { optionalText, requiredText, textOrEmpty, textProblem } from '../../../server/lib/schema-helpers';

describe('the one text rule (issue 19: defect 5)', () => {
  it('when text is ordinary Vietnamese or English with line breaks, then it passes, NFC and trimmed', () => {
    assert.equal(textProblem('Công ty Viễn thông Đắk Lắk'), null);
    assert.equal(textProblem('line one\nline two\ttab'), null);
    assert.equal(textProblem('שלום and عربي'), null, 'right-to-left letters are text, not overrides');
    assert.equal(textProblem('👩‍💻 Đội 1'), null, 'a pair of surrogates and a joiner between visible characters');
    assert.equal(requiredText(50).parse('  Cu\u0303 Chi  '), 'Cũ Chi'.normalize('NFC'));
  });

  it('when text holds a control character, a bidi override or isolate, then it is refused', () => {
    for (const s of ['a\u0000b', 'a\u0001b', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u202Eb', 'a\u202Ab', 'a\u2066b'])
      assert.equal(textProblem(s), 'input.control', JSON.stringify(s));
  });

  it('when text holds a lone surrogate, then it is refused', () => {
    assert.equal(textProblem('a\uD800b'), 'input.surrogate');
    assert.equal(textProblem('a\uDC00'), 'input.surrogate');
  });

  it('when text has no visible character, then it is refused; empty optional text stays empty', () => {
    for (const s of ['\u200B\u200B', '\u200C\u200D\u2060', '\uFEFF\u200B', '\u3164', '\u0301'])
      assert.equal(textProblem(s), 'input.visible', JSON.stringify(s));
    assert.equal(requiredText(50).safeParse('\u200B').error?.issues[0]?.message, 'input.visible');
    assert.equal(requiredText(50).safeParse('   ').error?.issues[0]?.message, 'v.required');
    assert.equal(optionalText(50).parse('  '), null);
    assert.equal(optionalText(50).safeParse('\u200B').success, false);
    assert.equal(textOrEmpty(50).parse(''), '');
    assert.equal(textOrEmpty(50).safeParse('x\u202Ey').success, false);
  });
});
