import { childrenFirst } from './erasure.js';

describe('childrenFirst', () => {
  it('puts a table before the tables it refers to', () => {
    const fks = [
      { table: 'case_note', column: 'case_id', refTable: 'case_file', refColumn: 'id' },
      { table: 'case_file', column: 'subject_id', refTable: 'subject', refColumn: 'id' },
      { table: 'referral_update', column: 'referral_id', refTable: 'referral', refColumn: 'id' },
      { table: 'subject', column: 'merged_into_id', refTable: 'subject', refColumn: 'id' },
    ];
    const order = childrenFirst(
      ['subject', 'case_file', 'referral', 'case_note', 'referral_update'].map((table) => ({ table })),
      fks,
    ).map((t) => t.table);
    expect(order.indexOf('case_note')).toBeLessThan(order.indexOf('case_file'));
    expect(order.indexOf('case_file')).toBeLessThan(order.indexOf('subject'));
    expect(order.indexOf('referral_update')).toBeLessThan(order.indexOf('referral'));
    expect(order).toHaveLength(5);
  });
});
