import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@ObjectType({ description: 'A library building of a library service' })
@Entity('branch')
export class Branch {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field() @Column({ type: 'text' }) name: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) address: string | null;
  @Field() @Column({ name: 'is_active', type: 'boolean', default: true }) isActive: boolean;
  @Field(() => Int) @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
