import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { AddSubjectSpecialCategoryInput, UpdateSubjectSpecialCategoryInput } from './dto/special-category.input.js';
import { SpecialCategoryService } from './special-category.service.js';
import { SubjectSpecialCategory } from './subject-special-category.entity.js';

@Resolver(() => SubjectSpecialCategory)
export class SpecialCategoryResolver {
  constructor(private readonly specialCategories: SpecialCategoryService) {}

  @Mutation(() => SubjectSpecialCategory, { description: 'Requires dataProtection.specialCategoryCondition (Article 9(2) condition)' })
  addSubjectSpecialCategory(@CurrentActor() actor: Actor, @Args('input') input: AddSubjectSpecialCategoryInput): Promise<SubjectSpecialCategory> {
    return this.specialCategories.add(actor, input);
  }

  @Mutation(() => SubjectSpecialCategory, { description: 'The Article 9(2) condition may be changed, never removed' })
  updateSubjectSpecialCategory(@CurrentActor() actor: Actor, @Args('input') input: UpdateSubjectSpecialCategoryInput): Promise<SubjectSpecialCategory> {
    return this.specialCategories.update(actor, input);
  }
}
