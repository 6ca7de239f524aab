import { declarePersonalData, NoPersonalData, PersonalData, PersonalDataDeclarationError, personalDataOf } from './personal-data.js';

const valid = {
  recordType: 'THING',
  purpose: 'Testing',
  dataSubjectCategories: ['testers'],
  dataCategories: ['names'],
  retention: 'CONTACT_LOG',
  retentionClock: 'coalesce(a, b)',
};

describe('@PersonalData', () => {
  it('registers the declaration on the class', () => {
    @PersonalData(valid)
    class Thing {}
    expect(personalDataOf(Thing)).toMatchObject({ recordType: 'THING', retention: 'CONTACT_LOG' });
  });

  it.each([
    [{ recordType: 'thing' }, /recordType must be UPPER_SNAKE/],
    [{ retention: 'contact log' }, /retention must be a retention policy key/],
    [{ retention: null }, /retentionNote/],
    [{ purpose: ' ' }, /purpose is required/],
    [{ dataSubjectCategories: [] }, /dataSubjectCategories/],
    [{ dataCategories: [] }, /dataCategories/],
    [{ retentionClock: 'occurred_at; DROP TABLE x' }, /retentionClock/],
    [{ appendOnly: true, anonymise: { a: null } }, /append-only table cannot be anonymised/],
  ])('refuses a declaration that would make a wrong record: %j', (change, message) => {
    class Other {}
    expect(() => declarePersonalData(Other, { ...valid, ...change } as never)).toThrow(PersonalDataDeclarationError);
    expect(() => declarePersonalData(Other, { ...valid, ...change } as never)).toThrow(message);
  });

  it('@NoPersonalData needs a reason', () => {
    expect(() => {
      @NoPersonalData(' ')
      class Agreement {}
      return Agreement;
    }).toThrow(/say why/);
  });
});
