import { BadRequestException, NotFoundException, type PipeTransform } from '@nestjs/common';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a UUID cannot name a decision: 404, like any other unknown id. */
export class DecisionIdPipe implements PipeTransform<string, string> {
  transform(value: string) {
    if (!UUID.test(value)) throw new NotFoundException(`no decision with id '${value}'`);
    return value.toLowerCase();
  }
}

/** `If-Match: 7` (also `"7"` or `W/"7"`) → 7; absent → undefined. */
export const IfMatch = createParamDecorator((_: unknown, context: ExecutionContext): number | undefined => {
  const raw: string | undefined = context.switchToHttp().getRequest().headers['if-match'];
  if (raw === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!match) {
    throw new BadRequestException({
      message: 'invalid If-Match header',
      details: [{ field: 'If-Match', message: 'must be the decision version, e.g. If-Match: 7' }],
    });
  }
  return Number(match[1]);
});
