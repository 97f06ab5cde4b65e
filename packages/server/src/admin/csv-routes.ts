import type { Hono } from 'hono';
import { ImportConflictError, exportOrdersCsv, exportProductsCsv, importProducts, planProductImport } from '@terroir/core';
import { z } from 'zod';
import { requireRole, type AdminEnv } from './admin-auth';
import { readQuery } from './admin-body';
import type { AdminContext } from './admin-context';
import { AdminError } from './admin-errors';
import { COOP } from './workspace-routes';

const CSV_TYPES = /^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel|application\/octet-stream)\s*(;|$)/i;
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'Use YYYY-MM-DD.');

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
export function registerCsvRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  app.post(`${COOP}/import`, requireRole('owner', 'editor'), async (c) => {
    const coop = c.get('coop');
    if (!CSV_TYPES.test(c.req.header('content-type') ?? '')) throw new AdminError(415, 'unsupported_media_type', 'Send the CSV file itself (Content-Type: text/csv).');
    const { dryRun } = readQuery(c, z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() }));
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const dry = dryRun === '1' || dryRun === 'true';
    let plan;
    try {
      plan = dry ? await planProductImport(ctx.db, coop.id, bytes) : await importProducts(ctx.db, coop.id, bytes, { actor: c.get('actor') });
    } catch (error) {
      if (error instanceof ImportConflictError) throw new AdminError(409, 'stock_changed', error.message);
      throw error;
    }
    // A file refused whole (too many rows, too large) is a 4xx even for a dry run: there is
    // no row-by-row plan to show, and the client must not read it as a preview.
    const fileProblem = plan.errors.find((e) => e.row === 0 && (e.reason === 'too_many_rows' || e.reason === 'file_too_large'));
    if (fileProblem) {
      return c.json({ error: { code: fileProblem.reason, message: fileProblem.message }, plan }, fileProblem.reason === 'file_too_large' ? 413 : 422);
    }
    if (!plan.valid && !dry) {
      const issues = plan.errors.map((e) => ({ field: `row ${e.row}${e.column ? `.${e.column}` : ''}`, code: e.reason, message: e.message }));
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
    const query = readQuery(c, z.object({ from: isoDate.optional(), to: isoDate.optional(), lang: z.enum(['zh-CN', 'en']).optional() }));
    const csv = await exportOrdersCsv(ctx.db, coop.id, { from: query.from, to: query.to, locale: query.lang ?? coop.defaultLocale });
    return csvResponse(csv, `${coop.slug}-orders.csv`);
  });
}
