import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadInputError } from '../../libs/common/src/index.js';

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? `${path}${m.slice(e.property.length)}` : `${path}: ${m}`));
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** class-validator on every input; failures are BAD_USER_INPUT naming each field. */
export const validationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: false,
  exceptionFactory: (errors) => {
    const problems = flatten(errors);
    return new BadInputError(`Invalid input: ${problems.join('; ')}`, { problems });
  },
});
