import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { type Actor, CurrentActor } from '../../../access/src/index.js';
import { PartnerDirectoryService } from './partner-directory.service.js';
import { DirectoryImportReport, ImportPartnerDirectoryInput } from './partner-directory.types.js';

@Resolver()
export class PartnerDirectoryResolver {
  constructor(private readonly directory: PartnerDirectoryService) {}

  @Mutation(() => DirectoryImportReport, {
    description:
      'Administrators: imports an Open Referral UK directory into your partners, keyed by each organisation id (a re-import updates); a refused record does not stop the others',
  })
  importPartnerDirectory(@CurrentActor() actor: Actor, @Args('input') { document }: ImportPartnerDirectoryInput): Promise<DirectoryImportReport> {
    return this.directory.import(actor, document);
  }
}
