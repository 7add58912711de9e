import { describe, expect, it } from 'vitest';
import { familyFirst, parseAuthorName, sortingFamily } from './names';

describe('parseAuthorName', () => {
  it.each([
    ['Edward J. Hu', { kind: 'person', family: 'Hu', given: 'Edward J.', suffix: '' }],
    ['Hu, Edward J.', { kind: 'person', family: 'Hu', given: 'Edward J.', suffix: '' }],
    ['Łukasz Kaiser', { kind: 'person', family: 'Kaiser', given: 'Łukasz', suffix: '' }],
    ['Schrödinger, Erwin', { kind: 'person', family: 'Schrödinger', given: 'Erwin', suffix: '' }],
    ['José María García-Pérez', { kind: 'person', family: 'García-Pérez', given: 'José María', suffix: '' }],
    ['Ludwig van Beethoven', { kind: 'person', family: 'van Beethoven', given: 'Ludwig', suffix: '' }],
    ['Jean de la Fontaine', { kind: 'person', family: 'de la Fontaine', given: 'Jean', suffix: '' }],
    ['Martin Luther King Jr.', { kind: 'person', family: 'King', given: 'Martin Luther', suffix: 'Jr.' }],
    ['Martin Luther King, Jr.', { kind: 'person', family: 'King', given: 'Martin Luther', suffix: 'Jr.' }],
    ['King, Jr., Martin Luther', { kind: 'person', family: 'King', given: 'Martin Luther', suffix: 'Jr.' }],
    ['Ελένη Παπαδοπούλου', { kind: 'person', family: 'Παπαδοπούλου', given: 'Ελένη', suffix: '' }],
    ['  Edward \n Hu  ', { kind: 'person', family: 'Hu', given: 'Edward', suffix: '' }],
    // A lone "V" is an initial, not a suffix.
    ['John Q V', { kind: 'person', family: 'V', given: 'John Q', suffix: '' }],
    // Kept whole.
    ['OpenAI', { kind: 'literal', literal: 'OpenAI' }],
    ['张伟', { kind: 'literal', literal: '张伟' }],
    [', Nobody', { kind: 'literal', literal: ', Nobody' }],
    ['', { kind: 'literal', literal: '' }],
  ])('%j', (name, expected) => {
    expect(parseAuthorName(name)).toEqual(expected);
  });

  it.each([
    ['Ludwig van Beethoven', 'Beethoven'],
    ['Jean de la Fontaine', 'Fontaine'],
    ['Edward Hu', 'Hu'],
    ['OpenAI', 'OpenAI'],
  ])('sortingFamily(%j) = %j', (name, expected) => {
    expect(sortingFamily(parseAuthorName(name))).toBe(expected);
  });

  it.each([
    ['Edward J. Hu', 'Hu, Edward J.'],
    ['Martin Luther King Jr.', 'King, Jr., Martin Luther'],
    ['OpenAI', 'OpenAI'],
    ['Hu,', 'Hu'],
  ])('familyFirst(%j) = %j', (name, expected) => {
    expect(familyFirst(parseAuthorName(name))).toBe(expected);
  });
});
