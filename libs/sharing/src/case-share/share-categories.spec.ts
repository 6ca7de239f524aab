import { DataCategory as C } from '../agreement/agreement.enums.js';
import { missingCategories, recordShareable, shareCategories, unionCategories } from './share-categories.js';

describe('share categories', () => {
  it('always include IDENTITY, without duplicates, in a stable order', () => {
    expect(shareCategories([C.BANS, C.INCIDENTS, C.BANS])).toEqual([C.IDENTITY, C.INCIDENTS, C.BANS]);
    expect(shareCategories([])).toEqual([C.IDENTITY]);
    expect(shareCategories([C.IDENTITY])).toEqual([C.IDENTITY]);
  });

  it('names what the agreement does not cover', () => {
    expect(missingCategories([C.IDENTITY, C.INCIDENTS, C.SPECIAL_CATEGORY], [C.IDENTITY, C.INCIDENTS])).toEqual([C.SPECIAL_CATEGORY]);
    expect(missingCategories([C.IDENTITY, C.BANS], [C.BANS])).toEqual([C.IDENTITY]);
    expect(missingCategories([C.IDENTITY], [C.IDENTITY, C.BANS])).toEqual([]);
  });

  it('unites the categories of several live shares', () => {
    expect(unionCategories([{ categories: [C.IDENTITY, C.BANS] }, { categories: [C.INTELLIGENCE, C.IDENTITY] }])).toEqual([C.IDENTITY, C.BANS, C.INTELLIGENCE]);
    expect(unionCategories([])).toEqual([]);
  });

  it('shows special category and criminal offence records only when those categories are shared too', () => {
    const plain = { specialCategoryCondition: null, criminalOffenceCondition: null };
    const special = { specialCategoryCondition: 'Safeguarding', criminalOffenceCondition: null };
    const criminal = { specialCategoryCondition: null, criminalOffenceCondition: 'Sch 1 Pt 2 para 10' };
    expect(recordShareable(plain, [C.INCIDENTS])).toBe(true);
    expect(recordShareable(special, [C.INCIDENTS])).toBe(false);
    expect(recordShareable(special, [C.INCIDENTS, C.SPECIAL_CATEGORY])).toBe(true);
    expect(recordShareable(criminal, [C.INCIDENTS, C.SPECIAL_CATEGORY])).toBe(false);
    expect(recordShareable(criminal, [C.INCIDENTS, C.CRIMINAL_OFFENCE])).toBe(true);
    expect(recordShareable({ ...special, ...{ criminalOffenceCondition: 'x' } }, [C.SPECIAL_CATEGORY])).toBe(false);
  });
});
