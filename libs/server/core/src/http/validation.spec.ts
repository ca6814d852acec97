import { BadRequestException } from '@nestjs/common';
import { MAX_INPUT_DEPTH, createValidationPipe, unacceptableInput } from './validation';

const nested = (depth: number): unknown => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('unacceptableInput', () => {
  it('accepts ordinary text, including emoji, RTL and combining marks', () => {
    expect(unacceptableInput({ a: '👩🏽‍💻 مرحبا e\u0301', b: [1, { c: null }] }, '')).toBeNull();
  });

  it('names the field holding NUL or a lone surrogate, in values and in keys', () => {
    expect(unacceptableInput({ user: { email: 'a\u0000b' } }, '')).toEqual({ field: 'user.email', reason: 'must not contain the NUL character' });
    expect(unacceptableInput({ list: ['ok', '\ud800'] }, '')).toEqual({ field: 'list.1', reason: 'must be well-formed Unicode text' });
    expect(unacceptableInput({ ['k\udfff']: 1 }, '')).toMatchObject({ reason: 'must be well-formed Unicode text' });
    expect(unacceptableInput('\u0000', 'id')).toEqual({ field: 'id', reason: 'must not contain the NUL character' });
  });

  it(`refuses input nested more than ${MAX_INPUT_DEPTH} levels deep, without recursing through all of it`, () => {
    expect(unacceptableInput(nested(MAX_INPUT_DEPTH - 1), '')).toBeNull();
    expect(unacceptableInput(nested(100_000), '')).toMatchObject({ reason: `must not be nested more than ${MAX_INPUT_DEPTH} levels deep` });
  });
});

describe('the validation pipe', () => {
  it('answers 400 naming the field before class-validator sees the input', async () => {
    const pipe = createValidationPipe();
    const refused = await pipe.transform({ email: '\ud800' }, { type: 'body', metatype: Object }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BadRequestException);
    expect((refused as BadRequestException).getResponse()).toMatchObject({ details: [{ field: 'email', reason: 'must be well-formed Unicode text' }] });
    const param = await pipe.transform('a\u0000', { type: 'param', data: 'id', metatype: String }).catch((error: unknown) => error);
    expect((param as BadRequestException).getResponse()).toMatchObject({ details: [{ field: 'id' }] });
  });
});
