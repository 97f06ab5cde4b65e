import type { OpenAPIHono } from '@hono/zod-openapi';
import { CHRONICLE_IMPORT_FIELDS, ChronicleMappingError, importChronicle, planChronicleImport, type ChronicleColumnMapping } from '@terroir/core';
import { z } from 'zod';
import { ApiError } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { MAX_ISSUES } from '../http/zod-issues';
import { requireRole, type AdminEnv } from './admin-auth';
import { readQuery } from './admin-body';
import type { AdminContext } from './admin-context';
import { adminRoute, COOP_PATH, documentRoute, pathParams } from './admin-openapi';
import { COOP } from './workspace-routes';

/*
 * The chronicle's spreadsheet import (issue 11): the product import's rules — a dry run that
 * names every row it will create and every row it cannot read, then all or nothing in one
 * transaction, audited — for a village's own 村史 spreadsheet.
 */

const CSV_TYPES = /^(text\/csv|text\/plain|application\/csv|application\/vnd\.ms-excel|application\/octet-stream)\s*(;|$)/i;
const flag = z.enum(['0', '1', 'true', 'false']);
const importQuery = z.object({
  dryRun: flag.optional().openapi({ description: 'Check the file and answer the plan without writing.' }),
  mapping: z
    .string()
    .max(4000)
    .optional()
    .openapi({
      description: `JSON object: column header (as the plan's \`columns[].header\`) → one of ${CHRONICLE_IMPORT_FIELDS.join(', ')}, or null to ignore. Default: suggested from the headers.`,
    }),
  lang: z.enum(['zh-CN', 'en']).optional().openapi({ description: 'The language the texts are written in (default zh-CN).' }),
  status: z.enum(['draft', 'published']).optional().openapi({ description: 'Status of the new entries (default published).' }),
  visibility: z.enum(['public', 'community']).optional().openapi({ description: 'Visibility of the new entries (default public).' }),
});
const mappingJson = z.record(z.string().max(100), z.string().max(40).nullable());

const importRoute = adminRoute({
  method: 'post',
  path: `${COOP_PATH}/museum/chronicle/import`,
  operationId: 'importChronicle',
  tag: 'Museum',
  summary: 'Import chronicle entries from a spreadsheet (CSV; dry run, then all or nothing)',
  access: { roles: ['owner', 'editor'] },
  params: pathParams(),
  query: importQuery,
  rawBody: { mediaType: 'text/csv', schema: z.string(), description: 'The CSV file (UTF-8 with or without BOM, or GB18030), header row first.' },
  ok: {
    status: 200,
    schema: z.object({ dryRun: z.boolean(), plan: z.looseObject({}) }),
    description: 'The plan: `rows` it will create (or created), `errors` naming row, column and reason.',
  },
  errors: [422],
});

function parseMapping(raw: string): ChronicleColumnMapping {
  const refuse = () => {
    throw new ApiError(400, { code: 'invalid_parameter', field: 'mapping', message: 'mapping: a JSON object of column header → field name (or null).' });
  };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    refuse();
  }
  const parsed = mappingJson.safeParse(value);
  if (!parsed.success) refuse();
  return parsed.data as ChronicleColumnMapping;
}

/**
 * `POST /admin/api/coops/{coop}/museum/chronicle/import`: the chronicle's CSV import.
 *
 * @example
 * registerChronicleImportRoutes(app, ctx); // inside createAdminApi
 */
export function registerChronicleImportRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  documentRoute(app, importRoute);
  app.post(`${COOP}/museum/chronicle/import`, requireRole('owner', 'editor'), async (c) => {
    const coop = c.get('coop');
    if (!CSV_TYPES.test(c.req.header('content-type') ?? ''))
      throw new ApiError(415, { code: 'unsupported_media_type', message: errorMessage('csv_media_type') });
    const query = readQuery(c, importQuery);
    const mapping = query.mapping === undefined ? undefined : parseMapping(query.mapping);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const dry = query.dryRun === '1' || query.dryRun === 'true';
    const options = { mapping, locale: query.lang, status: query.status, visibility: query.visibility };
    let plan: Awaited<ReturnType<typeof planChronicleImport>>;
    try {
      plan = dry
        ? await planChronicleImport(ctx.db, coop.id, bytes, options)
        : await importChronicle(ctx.db, coop.id, bytes, { ...options, actor: c.get('actor') });
    } catch (error) {
      if (error instanceof ChronicleMappingError)
        throw new ApiError(422, {
          code: 'invalid_mapping',
          message: errorMessage('invalid_mapping'),
          field: error.issues[0]?.field,
          issues: error.issues.slice(0, MAX_ISSUES).map((i) => ({ ...i })),
        });
      throw error;
    }
    const fileProblem = plan.errors.find((e) => e.row === 0 && (e.reason === 'too_many_rows' || e.reason === 'file_too_large'));
    if (fileProblem)
      return c.json({ error: { code: fileProblem.reason, message: fileProblem.message }, plan }, fileProblem.reason === 'file_too_large' ? 413 : 422);
    if (!plan.valid && !dry) {
      const issues = plan.errors
        .slice(0, MAX_ISSUES)
        .map((e) => ({ field: `row ${e.row}${e.column ? `.${e.column}` : ''}`, code: e.reason, message: e.message }));
      return c.json(
        {
          error: { code: 'invalid_csv', message: `${plan.errors.length} problem(s) in the file; nothing was imported.`, field: issues[0]?.field, issues },
          plan,
        },
        422,
      );
    }
    return c.json({ dryRun: dry, plan });
  });
}
