import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { DateTimeScalar } from '../../../common/src/index.js';

/** Append-only (a trigger refuses edits of the text): a correction is a new note that names the note it corrects. */
// No clock of its own: a note keeps its case's date (set by the cases context). Append-only, so
// never anonymised or corrected in place: a correction is a new note.
@PersonalData({
  recordType: 'CASE_NOTE',
  title: 'Case note',
  auditEntityType: 'CaseNote',
  criminalOffence: true,
  sharedWithPartners: true,
  purpose: "Recording what was done and learnt on a person's case",
  dataSubjectCategories: ['library users and visitors of concern', 'young people', 'adults at risk', 'staff who wrote the notes'],
  dataCategories: ['free-text case notes', 'author'],
  retention: 'CASE',
  rectifiable: [],
})
@ObjectType({ description: 'A note on a case; never edited: corrections are new notes with correctsNoteId' })
@Entity('case_note')
export class CaseNote {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Field(() => ID) @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @Field() @Column({ type: 'text' }) body: string;
  @Field(() => ID, { nullable: true, description: 'The note this one corrects' })
  @Column({ name: 'corrects_note_id', type: 'uuid', nullable: true })
  correctsNoteId: string | null;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;

  /** Computed when the case's notes are read: a later note corrects this one. */
  @Field({ description: 'A later note corrects this one' }) isCorrected: boolean = false;
}
