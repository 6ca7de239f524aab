import { ArgsType, InputType } from '@nestjs/graphql';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AnyIdFilter, AnyOfFilter, DateTimeFilter, FilterArg, IdFilter, SearchFilter } from './filter-fields.js';

enum Colour {
  RED = 'RED',
  BLUE = 'BLUE',
}

@InputType()
class ThingFilterInput {
  @AnyOfFilter(Colour, 2)
  colours?: Colour[];

  @AnyIdFilter(2)
  branchIds?: string[];

  @IdFilter()
  ownerId?: string;

  @DateTimeFilter('At or after')
  from?: Date;

  @SearchFilter('Part of the name')
  search?: string;
}

@ArgsType()
class ThingsArgs {
  @FilterArg(() => ThingFilterInput)
  filter?: ThingFilterInput;
}

const ID = '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11';
const failing = async (filter: object) => (await validate(plainToInstance(ThingFilterInput, filter), { whitelist: true })).map((e) => e.property).sort();

describe('filter fields', () => {
  it('take every condition as optional, null included', async () => {
    expect(await failing({})).toEqual([]);
    expect(await failing({ colours: null, branchIds: null, ownerId: null, from: null, search: null })).toEqual([]);
  });

  it('accept lists of known values (an empty list too) and refuse unknown values or too many', async () => {
    expect(await failing({ colours: [], branchIds: [ID, ID] })).toEqual([]);
    expect(await failing({ colours: ['GREEN'], branchIds: [ID, ID, ID] })).toEqual(['branchIds', 'colours']);
    expect(await failing({ colours: ['RED', 'BLUE', 'RED'], ownerId: 'x' })).toEqual(['colours', 'ownerId']);
  });

  it('read a time window end as a date and trim a search', async () => {
    const input = plainToInstance(ThingFilterInput, { from: '2025-03-10T12:00:00Z', search: '  hope ' });
    expect(await validate(input)).toEqual([]);
    expect(input.from).toEqual(new Date('2025-03-10T12:00:00Z'));
    expect(input.search).toBe('hope');
    expect(await failing({ from: 'soon', search: 'x'.repeat(201) })).toEqual(['from', 'search']);
  });

  it('validate the filter argument as its input type', async () => {
    const args = plainToInstance(ThingsArgs, { filter: { colours: ['GREEN'] } });
    expect(args.filter).toBeInstanceOf(ThingFilterInput);
    expect((await validate(args)).map((e) => e.property)).toEqual(['filter']);
  });
});
