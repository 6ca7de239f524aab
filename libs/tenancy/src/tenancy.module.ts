import { Module } from '@nestjs/common';
import { BranchResolver } from './branch/branch.resolver.js';
import { BranchService } from './branch/branch.service.js';
import { UserBranchesResolver } from './branch/user-branches.resolver.js';

@Module({ providers: [BranchService, BranchResolver, UserBranchesResolver], exports: [BranchService] })
export class TenancyModule {}
