import type { OpenAPIHono } from '@hono/zod-openapi';
import { ImportConflictError, exportOrdersCsv, exportProductsCsv, importProducts, planProductImport } from '@terroir/core';
import { z } from 'zod';
import { requireRole, type AdminEnv } from './admin-auth';
import { readQuery } from './admin-body';
import type { AdminContext } from './admin-context';
import { ApiError } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { MAX_ISSUES } from '../http/zod-issues';
import { adminRoute, COOP_PATH, documentRoute, pathParams } from './admin-openapi';
import { COOP } from './workspace-routes';

const CSV_TYPES = /^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel|application\/octet-stream)\s*(;|$)/i;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'Use YYYY-MM-DD.');
const importQuery = z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional().openapi({ description: 'Check the file and answer the plan without writing.' }) });
const ordersExportQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), lang: z.enum(['zh-CN', 'en']).optional() });
const tag = 'CSV';
const csvAnswer = (description: string) => ({ status: 200 as const, description: `${description} (text/csv, UTF-8).` });

/** The CSV routes as the OpenAPI document shows them (the handlers read the file themselves). */
const routes = [
  adminRoute({ method: 'post', path: `${COOP_PATH}/import`, operationId: 'importProducts', tag, summary: 'Import products and variants from CSV (all or nothing)', access: { roles: ['owner', 'editor'] }, params: pathParams(), query: importQuery, rawBody: { mediaType: 'text/csv', schema: z.string(), description: 'The CSV file as exported (UTF-8, header row).' }, ok: { status: 200, schema: z.object({ dryRun: z.boolean(), plan: z.looseObject({}) }), description: 'The plan (dry run) or what was imported.' }, errors: [409, 422] }),
  adminRoute({ method: 'get', path: `${COOP_PATH}/export/products.csv`, operationId: 'exportProductsCsv', tag, summary: 'Export products and variants as CSV (re-imports unchanged)', access: { roles: ['owner', 'editor', 'fulfilment'] }, params: pathParams(), ok: csvAnswer('Products') }),
  adminRoute({ method: 'get', path: `${COOP_PATH}/export/orders.csv`, operationId: 'exportOrdersCsv', tag, summary: 'Export orders as CSV', access: { roles: ['owner', 'fulfilment'] }, params: pathParams(), query: ordersExportQuery, ok: csvAnswer('Orders') }),
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
    if (!CSV_TYPES.test(c.req.header('content-type') ?? '')) throw new ApiError(415, { code: 'unsupported_media_type', message: errorMessage('csv_media_type') });
    const { dryRun } = readQuery(c, importQuery);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const dry = dryRun === '1' || dryRun === 'true';
    let plan;
    try {
      plan = dry ? await planProductImport(ctx.db, coop.id, bytes) : await importProducts(ctx.db, coop.id, bytes, { actor: c.get('actor') });
    } catch (error) {
      if (error instanceof ImportConflictError) throw new ApiError(409, { code: 'stock_changed', message: error.message });
      throw error;
    }
    // A file refused whole (too many rows, too large) is a 4xx even for a dry run: there is
    // no row-by-row plan to show, and the client must not read it as a preview.
    const fileProblem = plan.errors.find((e) => e.row === 0 && (e.reason === 'too_many_rows' || e.reason === 'file_too_large'));
    if (fileProblem) {
      return c.json({ error: { code: fileProblem.reason, message: fileProblem.message }, plan }, fileProblem.reason === 'file_too_large' ? 413 : 422);
    }
    if (!plan.valid && !dry) {
      const issues = plan.errors.slice(0, MAX_ISSUES).map((e) => ({ field: `row ${e.row}${e.column ? `.${e.column}` : ''}`, code: e.reason, message: e.message }));
      return c.json({ error: { code: 'invalid_csv', message: `${plan.errors.length} problem(s) in the file; nothing was imported.`, issues }, plan }, 422);
    }
    return c.json({ dryRun: dry, plan });
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
