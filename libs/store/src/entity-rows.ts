import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

interface ColumnMap {
  property: string;
  column: string;
  kind: 'json' | 'date' | 'instant' | 'plain';
}

/**
 * Maps an entity to and from raw rows using TypeORM's own metadata, so hot paths can use plain SQL (no
 * entity hydration, no re-read on save) while a column added to the entity is read and written with no
 * second list to keep in step.
 */
export class EntityRows<E extends ObjectLiteral> {
  readonly table: string;
  readonly columns: readonly ColumnMap[];
  private readonly byProperty: Map<string, ColumnMap>;

  constructor(metadata: EntityMetadata) {
    this.table = metadata.tableName;
    this.columns = metadata.columns.map((c) => ({
      property: c.propertyName,
      column: c.databaseName,
      kind: c.type === 'jsonb' || c.type === 'json' ? 'json' : c.type === 'date' ? 'date' : c.type === 'timestamptz' || c.type === Date ? 'instant' : 'plain',
    }));
    this.byProperty = new Map(this.columns.map((c) => [c.property, c]));
  }

  static of<E extends ObjectLiteral>(dataSource: DataSource, target: EntityTarget<E>): EntityRows<E> {
    return new EntityRows<E>(dataSource.getMetadata(target));
  }

  /** The select list for `alias`, dates as YYYY-MM-DD text (pg would make them local-midnight Dates). */
  selectList(alias: string): string {
    return this.columns
      .map((c) => (c.kind === 'date' ? `to_char(${alias}.${q(c.column)}, 'YYYY-MM-DD') AS ${q(c.column)}` : `${alias}.${q(c.column)}`))
      .join(', ');
  }

  /** A row from `pg` (typed by the driver) as the entity. */
  fromRow(row: Record<string, unknown>): E {
    const entity: Record<string, unknown> = {};
    for (const c of this.columns) entity[c.property] = row[c.column];
    return entity as E;
  }

  /** A row serialised by PostgreSQL's json functions (row_to_json, json_agg) as the entity. */
  fromJson(row: Record<string, unknown>): E {
    const entity: Record<string, unknown> = {};
    for (const c of this.columns) {
      const value = row[c.column];
      entity[c.property] = c.kind === 'instant' && typeof value === 'string' ? new Date(value) : value;
    }
    return entity as E;
  }

  /** A property's value as a `pg` parameter (json columns stringified: pg would turn an array into a SQL array). */
  param(property: string, value: unknown): unknown {
    const c = this.byProperty.get(property);
    if (c?.kind === 'json' && value !== null && value !== undefined) return JSON.stringify(value);
    return value;
  }

  column(property: string): string {
    const c = this.byProperty.get(property);
    if (!c) throw new Error(`${this.table} has no column for '${property}'`);
    return q(c.column);
  }

  /** The properties whose values differ (json by content). */
  changed(before: E, after: E): string[] {
    return this.columns
      .filter((c) => !sameValue(before[c.property], after[c.property], c.kind))
      .map((c) => c.property);
  }

  /** The quoted columns and parameters of an INSERT of every property the entity has a value for. */
  insertable(entity: Partial<E>): { columns: string[]; values: unknown[] } {
    const present = this.columns.filter((c) => entity[c.property] !== undefined);
    return { columns: present.map((c) => q(c.column)), values: present.map((c) => this.param(c.property, entity[c.property])) };
  }
}

function sameValue(a: unknown, b: unknown, kind: ColumnMap['kind']): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (kind === 'json') return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function q(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
