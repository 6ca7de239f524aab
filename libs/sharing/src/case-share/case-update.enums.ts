import { registerEnumType } from '@nestjs/graphql';

export enum CaseUpdateKind {
  ACTION_TAKEN = 'ACTION_TAKEN',
  INFORMATION = 'INFORMATION',
}
registerEnumType(CaseUpdateKind, {
  name: 'CaseUpdateKind',
  valuesMap: {
    ACTION_TAKEN: { description: 'What the partner did' },
    INFORMATION: { description: 'What the partner knows' },
  },
});
