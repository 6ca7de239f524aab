import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { QueryFailedError } from 'typeorm';
import { BadInputError, InvalidValueError } from '../../libs/common/src/index.js';
import { formatError } from './graphql-errors.js';

/** What TypeORM throws when PostgreSQL refuses a statement: the driver's error, with its SQLSTATE and its own (revealing) message. */
const dbError = (code: string, message = 'relation "subject" column "secret_column" violates constraint "subject_secret_check"') =>
  new QueryFailedError('INSERT INTO subject (secret_column) VALUES ($1)', ['Alex Example'], Object.assign(new Error(message), { code }));

describe('formatError', () => {
  const lines: string[] = [];
  const format = formatError(pino({ level: 'error' }, { write: (line: string) => void lines.push(line) }));
  const answer = (error: unknown) => format({ message: 'raw', path: ['createSubject'] }, new GraphQLError('raw', { originalError: error as Error }));
  beforeEach(() => lines.splice(0));

  it.each([
    ['22001', 'BAD_USER_INPUT', 'A value in the input is too long'],
    ['22003', 'BAD_USER_INPUT', 'A number in the input is out of range'],
    ['22007', 'BAD_USER_INPUT', 'A date in the input is not valid'],
    ['22008', 'BAD_USER_INPUT', 'A date in the input is out of range'],
    ['22021', 'BAD_USER_INPUT', 'A value in the input holds a character that cannot be stored'],
    ['22P05', 'BAD_USER_INPUT', 'A value in the input holds a character that cannot be stored'],
    ['22P02', 'BAD_USER_INPUT', 'A value in the input is not in the expected format'],
    ['23502', 'BAD_USER_INPUT', 'A value the record needs is missing'],
    ['23503', 'BAD_USER_INPUT', 'The input refers to a record that does not exist'],
    ['23505', 'CONFLICT', 'A record with these details already exists'],
    ['23514', 'BAD_USER_INPUT', 'The input breaks a rule of this record'],
    ['23P01', 'CONFLICT', 'The input overlaps a record that already exists'],
    ['57014', 'TIMEOUT', expect.stringMatching(/took too long/)],
  ])('PostgreSQL %s answers %s, saying nothing of the SQL', (pgCode, code, message) => {
    const a = answer(dbError(pgCode));
    expect(a).toEqual({ message, path: ['createSubject'], extensions: { code } });
    expect(JSON.stringify(a)).not.toMatch(/subject_|secret|INSERT|Alex/);
    expect(lines).toEqual([]);
  });

  it.each(['40001', '40P01', '55P03'])('PostgreSQL %s (a clash with another transaction) answers CONFLICT, retryable', (pgCode) => {
    expect(answer(dbError(pgCode)).extensions).toEqual({ code: 'CONFLICT', retryable: true });
  });

  it('a removal of a record others still refer to answers CONFLICT, not a missing record', () => {
    const a = answer(dbError('23503', 'update or delete on table "case_record" violates foreign key constraint "case_note_case_fk" on table "case_note"'));
    expect(a).toEqual({ message: 'The record is still referred to by other records', path: ['createSubject'], extensions: { code: 'CONFLICT' } });
  });

  it('any other database error stays internal: logged (type and code only), answered with no detail', () => {
    const a = answer(dbError('42P01'));
    expect(a).toEqual({ message: 'Internal server error', path: ['createSubject'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).err).toMatchObject({ type: 'QueryFailedError', pgCode: '42P01' });
    expect(lines[0]).not.toMatch(/secret_column|Alex/);
  });

  it("keeps GraphQL's message for a value a scalar refused (it names the variable and path), and a domain error's own", () => {
    const refused = format(
      { message: 'Variable "$i" got invalid value 0 at "i.occurredAt"; Expected type "DateTime". A date-time must be a string' },
      new GraphQLError('Variable "$i" got invalid value 0 at "i.occurredAt"; …', { originalError: new InvalidValueError('A date-time must be a string') }),
    );
    expect(refused).toMatchObject({ message: expect.stringMatching(/at "i\.occurredAt"/), extensions: { code: 'BAD_USER_INPUT' } });
    expect(answer(new BadInputError('dateOfBirth must not be in the future', { field: 'dateOfBirth' }))).toMatchObject({
      message: 'dateOfBirth must not be in the future',
      extensions: { code: 'BAD_USER_INPUT', field: 'dateOfBirth' },
    });
  });
});
