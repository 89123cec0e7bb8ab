import { describe, expect, it } from '@jest/globals';
import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import fc from 'fast-check';
import { SignOffDto } from '../decisions/dto/action.dto.js';
import { CreateDecisionDto } from '../decisions/dto/create-decision.dto.js';
import { PatchDecisionDto } from '../decisions/dto/patch-decision.dto.js';
import { validationPipe } from './validation.js';

const valid = {
  title: 'Additional staffing',
  decisionMaker: { title: 'Director', userId: 'u-dm' },
  isKeyDecision: false,
  isSubjectToCallIn: true,
  urgency: 'none',
  consultees: [{ area: 'hr' }],
};

async function problems(body: unknown, metatype: unknown = CreateDecisionDto) {
  try {
    await validationPipe().transform(body, { type: 'body', metatype: metatype as never });
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).getResponse() as { message: string; details: { field: string; message: string }[] };
  }
}

describe('request validation', () => {
  it('accepts the contract body', async () => {
    expect(await problems(valid)).toBeNull();
  });

  it('names each bad field by its path', async () => {
    const res = await problems({ ...valid, urgency: 'soon', consultees: [{ area: 'H R' }], colour: 'red' });
    expect(res!.details.map((d) => d.field).sort()).toEqual(['colour', 'consultees.0.area', 'urgency']);
    expect(res!.message).toMatch(/^invalid /);
  });

  // What each field accepts, written independently of the DTO's decorators.
  const acceptable: Record<string, (v: unknown) => boolean> = {
    title: (v) => typeof v === 'string' && v.length >= 3 && v.length <= 1000,
    isKeyDecision: (v) => typeof v === 'boolean',
    urgency: (v) => v === 'none' || v === 'general-exception' || v === 'special-urgency',
    forwardPlanNoticeAt: (v) => v === undefined || v === null || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v)),
  };

  it('refuses exactly the values a field does not accept, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(acceptable)), fc.oneof(fc.anything(), fc.string(), fc.boolean(), fc.constantFrom('none', '2021-02-29', '2021-02-28')), async (field, value) => {
        const res = await problems({ ...valid, [field]: value });
        expect(res === null).toBe(acceptable[field](value));
        if (res) expect(res.details.map((d) => d.field)).toContain(field);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses null where the OpenAPI document does not allow it, in every DTO, at any depth', async () => {
    for (const field of ['title', 'urgency', 'isKeyDecision', 'isSubjectToCallIn', 'decisionMaker', 'consultees', 'purpose', 'funding']) {
      const res = await problems({ [field]: null }, PatchDecisionDto);
      expect({ field, details: res?.details }).toEqual({ field, details: [{ field, message: expect.stringMatching(/must not be null/) }] });
    }
    expect((await problems({ ...valid, decisionMaker: { title: null } }))!.details).toEqual([{ field: 'decisionMaker.title', message: expect.stringMatching(/null/) }]);
    expect((await problems({ ...valid, consultees: [{ area: null }] }))!.details).toEqual([{ field: 'consultees.0.area', message: expect.stringMatching(/null/) }]);
    expect((await problems({ area: null }, SignOffDto))!.details).toEqual([{ field: 'area', message: expect.stringMatching(/null/) }]);
  });

  it('accepts null where it is documented as clearing a field', async () => {
    expect(await problems({ forwardPlanNoticeAt: null, contact: null, otherConsulted: null }, PatchDecisionDto)).toBeNull();
    expect(await problems({ ...valid, decisionMaker: { title: 'Director', userId: null }, consultees: [{ area: 'hr', assigneeUserId: null }] })).toBeNull();
    expect(await problems({ area: 'hr', comments: null }, SignOffDto)).toBeNull();
  });

  it('refuses a body that is not a JSON object', async () => {
    for (const body of [[], [valid], 'text', 7, true, null]) {
      expect((await problems(body))!.details).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    }
  });

  it('never lets a hostile value through to class-validator', async () => {
    const deep = JSON.parse('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000));
    expect((await problems({ ...valid, contact: deep }))!.details[0].message).toMatch(/nested too deeply/);
    expect((await problems({ ...valid, title: 'a\u0000b' }))!.details).toEqual([{ field: 'title', message: expect.stringMatching(/NUL/) }]);
  });

  it('refuses an array where one object is documented', async () => {
    expect((await problems({ ...valid, contact: [{ name: 'x' }] }))!.details).toEqual([{ field: 'contact', message: expect.stringMatching(/object/) }]);
    expect((await problems({ ...valid, decisionMaker: [{ title: 'Director' }] }))!.details).toEqual([{ field: 'decisionMaker', message: expect.stringMatching(/object/) }]);
  });
});
