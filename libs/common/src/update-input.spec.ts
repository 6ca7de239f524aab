import { Field, InputType, OmitType } from '@nestjs/graphql';
import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, MaxLength, MinLength, validate } from 'class-validator';
import { Trim } from './validation.js';
import { VersionedUpdateInput } from './update-input.js';

@InputType()
class CreateThingInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  note?: string | null;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  flag?: boolean;
}

@InputType()
class UpdateThingInput extends VersionedUpdateInput(OmitType(CreateThingInput, ['flag'])) {
  @Field(() => String, { nullable: true, description: 'Described otherwise; validated as on create' })
  note?: string | null;

  @Field(() => Number, { nullable: true })
  @IsOptional()
  @IsInt()
  count?: number | null;
}

const ID = '0b7e4c1e-8a4e-4f57-9a53-6f0a8f0b2c11';
const failing = async (plain: object) =>
  (await validate(plainToInstance(UpdateThingInput, { id: ID, version: 1, ...plain }), { whitelist: true })).map((e) => e.property);

describe('VersionedUpdateInput', () => {
  it('needs the id and a version', async () => {
    expect((await validate(plainToInstance(UpdateThingInput, { id: 'x', version: 0 }))).map((e) => e.property)).toEqual(['id', 'version']);
  });

  it('lets every field be left out', async () => {
    expect(await failing({})).toEqual([]);
  });

  it('refuses null for a field the create requires, and applies its validators and transforms', async () => {
    expect(await failing({ name: null })).toEqual(['name']);
    expect(await failing({ name: '   ' })).toEqual(['name']);
    expect(plainToInstance(UpdateThingInput, { name: ' Thing ' }).name).toBe('Thing');
  });

  it('lets null clear a field the create marks optional, still validating a value (also under a description of its own)', async () => {
    expect(await failing({ note: null })).toEqual([]);
    expect(await failing({ note: 'too long' })).toEqual(['note']);
  });

  it('keeps fields declared on the update, and leaves out the omitted ones', async () => {
    expect(await failing({ count: 'x' })).toEqual(['count']);
    expect(await failing({ count: null })).toEqual([]);
    expect(await validate(plainToInstance(UpdateThingInput, { id: ID, version: 1, flag: 'x' }), { whitelist: true, forbidNonWhitelisted: true })).toHaveLength(
      1,
    );
  });
});
