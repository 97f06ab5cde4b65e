import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  DEFAULT_CATEGORY_WORDS,
  DEFAULT_UNIT_WORDS,
  IMPORT_FIELDS,
  ImportConflictError,
  ImportMappingError,
  exportOrdersCsv,
  exportProductsCsv,
  importProducts,
  loadImportSettings,
  mappingIssues,
  planProductImport,
  recordAudit,
  saveImportSettings,
  wordTableProblems,
  type ColumnMapping,
  type ImportField,
  type ProductCategory,
  type SaleUnit,
} from '@terroir/core';
import { z } from 'zod';
import { requireRole, type AdminEnv } from './admin-auth';
import { readJson, readQuery } from './admin-body';
import type { AdminContext } from './admin-context';
import { ApiError } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { MAX_ISSUES } from '../http/zod-issues';
import { adminRoute, COOP_PATH, documentRoute, pathParams } from './admin-openapi';
import { COOP } from './workspace-routes';

const CSV_TYPES = /^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel|application\/octet-stream)\s*(;|$)/i;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'Use YYYY-MM-DD.');
const flag = z.enum(['0', '1', 'true', 'false']);
const importQuery = z.object({
  dryRun: flag.optional().openapi({ description: 'Check the file and answer the plan without writing.' }),
  mapping: z.string().max(8000).optional().openapi({
    description:
      "JSON object: column header (as the plan's `columns[].header`) → field name or null to ignore. Default: the suggestion (remembered mapping first).",
  }),
  productFieldConflict: z
    .enum(['report', 'first-row'])
    .optional()
    .openapi({ description: 'Variant rows of one product disagree on a product field: report (default) or use the first row.' }),
  invalidRows: z
    .enum(['refuse', 'skip'])
    .optional()
    .openapi({ description: 'refuse (default): any unreadable row stops the import; skip: import the rest and list them in `skippedRows`.' }),
  saveMapping: flag.optional().openapi({ description: 'After a successful import, remember the mapping for the next one.' }),
});
/** The mapping query parameter: a JSON object of header → field name or null (fields checked by core: 422). */
const mappingJson = z.record(z.string().max(100), z.string().max(40).nullable());
const wordsJson = z.record(z.string().max(40), z.string().max(40));
const importSettingsBody = z.object({ columns: mappingJson, categoryWords: wordsJson, unitWords: wordsJson }).strict();
const ImportSettingsRecord = z.object({
  columns: z.record(z.string(), z.enum(IMPORT_FIELDS).nullable()),
  categoryWords: z.record(z.string(), z.string()),
  unitWords: z.record(z.string(), z.string()),
  updatedAt: z.string().nullable(),
  defaults: z.object({ categoryWords: z.record(z.string(), z.string()), unitWords: z.record(z.string(), z.string()) }),
  fields: z.array(z.string()),
});
const ordersExportQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), lang: z.enum(['zh-CN', 'en']).optional() });
const tag = 'CSV';
const csvAnswer = (description: string) => ({ status: 200 as const, description: `${description} (text/csv, UTF-8).` });

/** The CSV routes as the OpenAPI document shows them (the handlers read the file themselves). */
const routes = [
  adminRoute({
    method: 'post',
    path: `${COOP_PATH}/import`,
    operationId: 'importProducts',
    tag,
    summary: 'Import products and variants from CSV (all or nothing)',
    access: { roles: ['owner', 'editor'] },
    params: pathParams(),
    query: importQuery,
    rawBody: { mediaType: 'text/csv', schema: z.string(), description: 'The CSV file as exported (UTF-8, header row).' },
    ok: { status: 200, schema: z.object({ dryRun: z.boolean(), plan: z.looseObject({}) }), description: 'The plan (dry run) or what was imported.' },
    errors: [409, 422],
  }),
  adminRoute({
    method: 'get',
    path: `${COOP_PATH}/import/mapping`,
    operationId: 'getImportMapping',
    tag,
    summary: 'The remembered column mapping and word tables for spreadsheet imports',
    access: { roles: ['owner', 'editor'] },
    params: pathParams(),
    ok: {
      status: 200,
      schema: z.object({ importSettings: ImportSettingsRecord }),
      description: "Remembered mapping, the cooperative's own words, and the built-in words.",
    },
  }),
  adminRoute({
    method: 'put',
    path: `${COOP_PATH}/import/mapping`,
    operationId: 'saveImportMapping',
    tag,
    summary: 'Replace the remembered column mapping and word tables',
    access: { roles: ['owner', 'editor'] },
    params: pathParams(),
    body: importSettingsBody,
    ok: { status: 200, schema: z.object({ importSettings: ImportSettingsRecord }), description: 'As saved.' },
    errors: [422],
  }),
  adminRoute({
    method: 'get',
    path: `${COOP_PATH}/export/products.csv`,
    operationId: 'exportProductsCsv',
    tag,
    summary: 'Export products and variants as CSV (re-imports unchanged)',
    access: { roles: ['owner', 'editor', 'fulfilment'] },
    params: pathParams(),
    ok: csvAnswer('Products'),
  }),
  adminRoute({
    method: 'get',
    path: `${COOP_PATH}/export/orders.csv`,
    operationId: 'exportOrdersCsv',
    tag,
    summary: 'Export orders as CSV',
    access: { roles: ['owner', 'fulfilment'] },
    params: pathParams(),
    query: ordersExportQuery,
    ok: csvAnswer('Orders'),
  }),
];

function csvResponse(body: string, filename: string) {
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** CSV import of products and variants (with a dry run), and CSV exports of products and orders. */
export function registerCsvRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  for (const route of routes) documentRoute(app, route);
  app.post(`${COOP}/import`, requireRole('owner', 'editor'), async (c) => {
    const coop = c.get('coop');
    if (!CSV_TYPES.test(c.req.header('content-type') ?? ''))
      throw new ApiError(415, { code: 'unsupported_media_type', message: errorMessage('csv_media_type') });
    const query = readQuery(c, importQuery);
    const mapping = query.mapping === undefined ? undefined : parseMappingParameter(query.mapping);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const dry = query.dryRun === '1' || query.dryRun === 'true';
    const options = { mapping, productFieldConflict: query.productFieldConflict, invalidRows: query.invalidRows };
    let plan: Awaited<ReturnType<typeof planProductImport>>;
    try {
      plan = dry
        ? await planProductImport(ctx.db, coop.id, bytes, options)
        : await importProducts(ctx.db, coop.id, bytes, {
            ...options,
            actor: c.get('actor'),
            saveMapping: query.saveMapping === '1' || query.saveMapping === 'true',
          });
    } catch (error) {
      if (error instanceof ImportConflictError) throw new ApiError(409, { code: 'stock_changed', message: error.message });
      if (error instanceof ImportMappingError)
        throw new ApiError(422, {
          code: 'invalid_mapping',
          message: errorMessage('invalid_mapping'),
          field: error.issues[0]?.field,
          issues: error.issues.slice(0, MAX_ISSUES).map((i) => ({ ...i })),
        });
      throw error;
    }
    // A file refused whole (too many rows, too large) is a 4xx even for a dry run: there is
    // no row-by-row plan to show, and the client must not read it as a preview.
    const fileProblem = plan.errors.find((e) => e.row === 0 && (e.reason === 'too_many_rows' || e.reason === 'file_too_large'));
    if (fileProblem) {
      return c.json({ error: { code: fileProblem.reason, message: fileProblem.message }, plan }, fileProblem.reason === 'file_too_large' ? 413 : 422);
    }
    if (!plan.valid && !dry) {
      const issues = plan.errors
        .slice(0, MAX_ISSUES)
        .map((e) => ({ field: `row ${e.row}${e.column ? `.${e.column}` : ''}`, code: e.reason, message: e.message }));
      return c.json({ error: { code: 'invalid_csv', message: `${plan.errors.length} problem(s) in the file; nothing was imported.`, issues }, plan }, 422);
    }
    return c.json({ dryRun: dry, plan });
  });

  app.get(`${COOP}/import/mapping`, requireRole('owner', 'editor'), async (c) =>
    c.json({ importSettings: importSettingsRecord(await loadImportSettings(ctx.db, c.get('coop').id)) }, 200),
  );

  app.put(`${COOP}/import/mapping`, requireRole('owner', 'editor'), async (c) => {
    const coop = c.get('coop');
    const body = await readJson(c, importSettingsBody);
    // A remembered mapping is a suggestion for files to come: any header may appear, none is
    // required; the targets must be fields and words must map onto our categories and units.
    const issues = [
      ...mappingIssues(Object.keys(body.columns), body.columns)
        .filter((i) => i.code === 'unknown_field' || i.code === 'duplicate_field')
        .map((i) => ({ ...i, field: i.field.replace(/^mapping\./, 'columns.') })),
      ...wordTableProblems({ categories: body.categoryWords, units: body.unitWords }).map(([path, code]) => ({
        field: path.replace(/^categories/, 'categoryWords').replace(/^units/, 'unitWords'),
        code,
        message: `${path}: ${code}`,
      })),
    ];
    if (issues.length > 0) {
      const code = issues.some((i) => i.field.startsWith('columns.')) ? 'invalid_mapping' : 'invalid_import_words';
      throw new ApiError(422, { code, message: errorMessage(code), field: issues[0]!.field, issues: issues.slice(0, MAX_ISSUES) });
    }
    const actor = c.get('actor');
    const saved = await ctx.db.transaction().execute(async (trx) => {
      const before = await loadImportSettings(trx, coop.id);
      const after = await saveImportSettings(
        trx,
        coop.id,
        {
          columns: body.columns as ColumnMapping,
          words: { categories: body.categoryWords as Record<string, ProductCategory>, units: body.unitWords as Record<string, SaleUnit> },
        },
        actor.kind === 'user' ? actor.userId : null,
      );
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor,
        action: 'import.mapping',
        entity: 'import_mapping',
        entityId: null,
        before: { columns: before.columns, words: before.words },
        after: { columns: after.columns, words: after.words },
      });
      return after;
    });
    return c.json({ importSettings: importSettingsRecord(saved) }, 200);
  });

  app.get(`${COOP}/export/products.csv`, requireRole('owner', 'editor', 'fulfilment'), async (c) => {
    const coop = c.get('coop');
    return csvResponse(await exportProductsCsv(ctx.db, coop.id), `${coop.slug}-products.csv`);
  });

  app.get(`${COOP}/export/orders.csv`, requireRole('owner', 'fulfilment'), async (c) => {
    const coop = c.get('coop');
    const query = readQuery(c, ordersExportQuery);
    const csv = await exportOrdersCsv(ctx.db, coop.id, { from: query.from, to: query.to, locale: query.lang ?? coop.defaultLocale });
    return csvResponse(csv, `${coop.slug}-orders.csv`);
  });
}

/** Reads the `mapping` query parameter: 400 `invalid_parameter` when it is not a JSON object of header → field name or null. */
function parseMappingParameter(raw: string): ColumnMapping {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ApiError(400, { code: 'invalid_parameter', field: 'mapping', message: 'mapping: a JSON object of column header → field name (or null).' });
  }
  const parsed = mappingJson.safeParse(value);
  if (!parsed.success)
    throw new ApiError(400, { code: 'invalid_parameter', field: 'mapping', message: 'mapping: a JSON object of column header → field name (or null).' });
  return parsed.data as Record<string, ImportField | null>;
}

function importSettingsRecord(settings: Awaited<ReturnType<typeof loadImportSettings>>) {
  return {
    columns: settings.columns,
    categoryWords: settings.words.categories,
    unitWords: settings.words.units,
    updatedAt: settings.updatedAt,
    defaults: { categoryWords: { ...DEFAULT_CATEGORY_WORDS }, unitWords: Object.fromEntries(Object.entries(DEFAULT_UNIT_WORDS).map(([w, u]) => [w, u.unit])) },
    fields: [...IMPORT_FIELDS],
  };
}
