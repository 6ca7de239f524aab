import { unstorableTextIn } from './validation.js';

describe('unstorableTextIn', () => {
  it('names every string that cannot be stored, by its path, in the order they appear', () => {
    const value = { name: 'ok', aliases: ['fine', 'a\u0000b'], nested: { notes: '\uD800', list: [{ deep: 'x\uDC00' }] }, n: 1, nothing: null };
    expect(unstorableTextIn(value, '$i')).toEqual([
      '$i.aliases.1 must not contain a NUL character (\\u0000)',
      '$i.nested.notes must be valid Unicode: it holds an unpaired surrogate (such as \\uD800 without its pair)',
      '$i.nested.list.0.deep must be valid Unicode: it holds an unpaired surrogate (such as \\uD800 without its pair)',
    ]);
    expect(unstorableTextIn('Cuppa ☕ 👮', '$s')).toEqual([]);
  });

  it('walks JSON nested as deep as a request body can hold without overflowing the stack', () => {
    let value: unknown = ['\u0000'];
    for (let i = 0; i < 100_000; i++) value = [value];
    const [problem, ...more] = unstorableTextIn({ a: value }, '$v');
    expect(more).toEqual([]);
    expect(problem).toMatch(/^\$v\.a(\.0){100001} must not contain a NUL character/);
  });
});
