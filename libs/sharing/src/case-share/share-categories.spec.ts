import { DataCategory as C } from '../agreement/agreement.enums.js';
import { missingCategories, shareCategories } from './share-categories.js';

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
});
