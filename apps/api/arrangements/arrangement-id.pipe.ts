import { NotFoundException, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not a UUID names no arrangement: 404, like any other unknown id. */
export class ArrangementIdPipe implements PipeTransform<string, string> {
  transform(value: string) {
    if (!UUID.test(value)) throw new NotFoundException(`no staffing arrangement with id '${value}'`);
    return value.toLowerCase();
  }
}
