import { Module } from '@nestjs/common';
import { BranchResolver } from './branch/branch.resolver.js';

@Module({ providers: [BranchResolver] })
export class TenancyModule {}
