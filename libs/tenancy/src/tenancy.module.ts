import { Module } from '@nestjs/common';
import { BranchAdministrationService } from './branch/branch-admin.service.js';
import { BranchResolver } from './branch/branch.resolver.js';
import { BranchService } from './branch/branch.service.js';
import { UserBranchesResolver } from './branch/user-branches.resolver.js';

@Module({ providers: [BranchService, BranchAdministrationService, BranchResolver, UserBranchesResolver], exports: [BranchService] })
export class TenancyModule {}
