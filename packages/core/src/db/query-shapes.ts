import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';

/*
 * Building a Kysely query and compiling it to SQL costs more than SQLite takes to run a small
 * indexed read. A hot read whose SQL depends only on a few choices (sort, which filters are set,
 * how many ids) is built and compiled once per such "shape"; later calls of the same shape only
 * put their values in place. The SQL still comes from the database's own compiler, so one query
 * definition serves SQLite and PostgreSQL alike.
 */

/** A slot marker: stands for the value at `index` while a shape is compiled. */
class Slot {
  constructor(readonly index: number) {}
}

/** Where each compiled parameter comes from: a caller's value (by index) or a constant of the shape. */
type Source = { slot: number } | { constant: unknown };

interface CompiledShape {
  compiled: CompiledQuery;
  sources: Source[];
}

/** Hands the build function the value at `index`, or its slot marker while a shape is compiled. */
export type SlotValue = <T>(index: number) => T;

/** Runs queries by shape; see {@link createQueryShapes}. */
export interface QueryShapes {
  /**
   * Runs the query `build` makes. `key` names its shape: every call with the same key must build
   * the same SQL whatever `values` are, and take every value that varies from `value(i)` (never
   * from `values` directly). The first call of a key compiles the query with markers in place of
   * the values; later calls reuse that SQL. `key` undefined builds and compiles as usual.
   */
  run<R>(key: string | undefined, values: readonly unknown[], build: (value: SlotValue) => Compilable<R>): Promise<R[]>;
  /** Shapes currently kept. */
  readonly size: number;
}

/**
 * A bounded cache of compiled query shapes (least recently used dropped first) for one database
 * handle. Only for a handle without plugins (a plugin may rewrite queries or results per query id).
 *
 * @example
 * const shapes = createQueryShapes(db);
 * const rows = await shapes.run(`variants:${ids.length}`, ids, (value) =>
 *   db.selectFrom('variants').selectAll().where('product_id', 'in', ids.map((_, i) => value<string>(i))),
 * );
 */
export function createQueryShapes(db: Kysely<any>, capacity = 256): QueryShapes {
  const shapes = new Map<string, CompiledShape>();
  const usable = db.getExecutor().plugins.length === 0;

  function compileShape(build: (value: SlotValue) => Compilable<unknown>, count: number): CompiledShape {
    const slots = Array.from({ length: count }, (_, i) => new Slot(i));
    const compiled = build(<T>(index: number) => {
      const slot = slots[index];
      if (!slot) throw new RangeError(`query shape: no value at index ${index}`);
      return slot as T;
    }).compile();
    const sources = compiled.parameters.map((parameter): Source => (parameter instanceof Slot ? { slot: parameter.index } : { constant: parameter }));
    // A value read from `values` directly instead of through `value(i)` would be frozen into the
    // shape and silently reused for every later call: refuse the shape instead.
    const used = new Set(sources.flatMap((source) => ('slot' in source ? [source.slot] : [])));
    if (used.size !== count) throw new Error(`query shape: ${count - used.size} of ${count} values not taken through value(i)`);
    return { compiled, sources };
  }

  return {
    async run<R>(key: string | undefined, values: readonly unknown[], build: (value: SlotValue) => Compilable<R>): Promise<R[]> {
      if (key === undefined || !usable) {
        const value: SlotValue = <T>(index: number) => values[index] as T;
        return (await db.executeQuery(build(value))).rows;
      }
      let shape = shapes.get(key);
      if (shape) {
        shapes.delete(key);
      } else {
        shape = compileShape(build as (value: SlotValue) => Compilable<unknown>, values.length);
        if (shapes.size >= capacity) shapes.delete(shapes.keys().next().value as string);
      }
      shapes.set(key, shape);
      const { compiled, sources } = shape;
      const parameters = sources.map((source) => ('slot' in source ? values[source.slot] : source.constant));
      const result: QueryResult<R> = await db.executeQuery<R>({ ...compiled, parameters } as CompiledQuery<R>);
      return result.rows;
    },
    get size() {
      return shapes.size;
    },
  };
}

const shapesByDb = new WeakMap<Kysely<any>, QueryShapes>();

/**
 * The {@link QueryShapes} of a database handle, made on first use and kept as long as the handle.
 *
 * @example
 * const counts = await queryShapesOf(db).run(`story-counts:${ids.length}`, [coopId, ...ids], (value) => …);
 */
export function queryShapesOf(db: Kysely<any>): QueryShapes {
  let shapes = shapesByDb.get(db);
  if (!shapes) {
    shapes = createQueryShapes(db);
    shapesByDb.set(db, shapes);
  }
  return shapes;
}
