import busboy from 'busboy';
import { DEFAULT_MEDIA_LIMITS, sniffMedia, type MediaLimits } from '@terroir/core';
import { ApiError } from '../http/api-error';
import { errorMessage } from '../http/error-messages';

/** Room for the form around the file (boundaries, part headers, alt text and transcript fields). */
export const FORM_OVERHEAD_BYTES = 256 * 1024;
/** Enough of a file to tell its format (see `sniffMedia`). */
const SNIFF_BYTES = 64;
const MB = 1024 * 1024;

/** What a streamed upload form held: the file's bytes (within its kind's cap) and the text fields. */
export interface MediaUploadForm {
  file: Uint8Array | null;
  fields: Record<string, string>;
}

/** A file field a form may carry: how many files, of which kinds. */
export interface FileFieldRule {
  max: number;
  /** Kinds accepted in this field (default all); another kind is refused with 415 as soon as its first bytes arrive. */
  kinds?: ReadonlyArray<'image' | 'audio' | 'video'>;
}

/** What a streamed form with several file fields held: each field's files in order, and the text fields. */
export interface MultipartForm {
  files: Record<string, Uint8Array[]>;
  fields: Record<string, string>;
}

/** A 413 that also closes the connection: the rest of the body is not read. */
function tooLarge(message: string, field = 'file'): ApiError {
  return new ApiError(413, { code: 'file_too_large', message, field, headers: { Connection: 'close' } });
}

const capMessage = (what: string, cap: number) => `${what} may be at most ${Math.max(1, Math.floor(cap / MB))} MB.`;

/**
 * Reads a `multipart/form-data` upload as it streams (busboy), enforcing the per-kind caps
 * while the bytes arrive: a declared `Content-Length` over the largest cap is refused
 * before reading anything, and the file is refused with 413 as soon as it passes the cap of
 * its kind (told by its first bytes), after which nothing more is pulled from the body. The
 * file is held in memory only up to that cap.
 *
 * @example
 * const { file, fields } = await readMediaUpload(c.req.raw, { ...DEFAULT_MEDIA_LIMITS, image: 5 * 1024 * 1024 });
 */
export async function readMediaUpload(request: Request, limits: MediaLimits = DEFAULT_MEDIA_LIMITS): Promise<MediaUploadForm> {
  const { files, fields } = await readMultipartForm(request, { limits, files: { file: { max: 1 } } });
  return { file: files.file?.[0] ?? null, fields };
}

/**
 * The streaming reader behind {@link readMediaUpload} for forms with several file fields
 * (a memory's `photos` and `audio`): each field takes at most `max` files (`photos[]` counts
 * as `photos`), each file is capped by its kind as it streams, and the declared
 * `Content-Length` may not pass the sum of every file's cap. File fields not named are ignored.
 *
 * @example
 * const { files, fields } = await readMultipartForm(c.req.raw, { limits, files: { photos: { max: 3, kinds: ['image'] }, audio: { max: 1, kinds: ['audio'] } } });
 */
export function readMultipartForm(
  request: Request,
  options: { limits: MediaLimits; files: Record<string, FileFieldRule>; maxFields?: number },
): Promise<MultipartForm> {
  const { limits } = options;
  const rules = Object.entries(options.files);
  const capOf = (rule: FileFieldRule) => Math.max(...(rule.kinds ?? (['image', 'audio', 'video'] as const)).map((k) => limits[k]));
  const largest = Math.max(...rules.map(([, rule]) => capOf(rule)));
  const total = rules.reduce((sum, [, rule]) => sum + rule.max * capOf(rule), 0);
  const maxFiles = rules.reduce((sum, [, rule]) => sum + rule.max, 0);
  const maxFields = options.maxFields ?? 20;
  const declared = Number(request.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > total + FORM_OVERHEAD_BYTES) return Promise.reject(tooLarge(capMessage('Uploaded files', largest)));
  if (!request.body) return Promise.reject(new ApiError(400, { code: 'invalid_body', message: errorMessage('upload_file_missing'), field: 'file' }));
  const reader = request.body.getReader();

  return new Promise<MultipartForm>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
        limits: { files: maxFiles, fields: maxFields, parts: maxFiles + maxFields + 4, fieldSize: 64 * 1024, fileSize: largest + 1 },
      });
    } catch {
      reject(new ApiError(400, { code: 'invalid_form', message: errorMessage('upload_form_unreadable') }));
      return;
    }
    let settled = false;
    const files: Record<string, Uint8Array[]> = {};
    const fields: Record<string, string> = {};
    const fail = (error: ApiError) => {
      if (settled) return;
      settled = true;
      // Stop pulling the body: a refused upload costs us no more bytes.
      reader.cancel().catch(() => undefined);
      parser.removeAllListeners();
      parser.on('error', () => undefined);
      parser.destroy();
      reject(error);
    };

    const taken: Record<string, number> = {};
    parser.on('file', (rawName, stream, info) => {
      const name = rawName.endsWith('[]') ? rawName.slice(0, -2) : rawName;
      const rule = options.files[name];
      // Destroying the parser on refusal errors the file stream ("Unexpected end of file").
      stream.on('error', () => undefined);
      // A file input left blank in an HTML form still sends a part, with no file name: no file.
      const blank = !info.filename;
      if (!rule || blank || (taken[name] ?? 0) >= rule.max) {
        if (blank) {
          stream.resume();
          return;
        }
        if (rule && rule.max > 1)
          return fail(new ApiError(400, { code: 'too_many_files', message: `${name}: at most ${rule.max} files.`, field: `${name}.${rule.max}` }));
        stream.resume();
        return;
      }
      const index = taken[name] ?? 0;
      taken[name] = index + 1;
      const field = rule.max > 1 ? `${name}.${index}` : name;
      const chunks: Buffer[] = [];
      let size = 0;
      let cap = capOf(rule);
      let kindKnown = false;
      let kindName = 'Uploaded files';
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        chunks.push(chunk);
        if (!kindKnown && size >= SNIFF_BYTES) {
          kindKnown = true;
          const format = sniffMedia(Buffer.concat(chunks).subarray(0, SNIFF_BYTES));
          if (!format || (rule.kinds && !rule.kinds.includes(format.kind)))
            return fail(new ApiError(415, { code: 'unsupported_media_type', message: errorMessage('upload_unsupported'), field }));
          cap = limits[format.kind];
          kindName = { image: 'Images', audio: 'Audio files', video: 'Videos' }[format.kind];
        }
        if (size > cap) fail(tooLarge(capMessage(kindName, cap), field));
      });
      stream.on('limit', () => fail(tooLarge(capMessage('Uploaded files', largest), field)));
      stream.on('end', () => {
        if (settled) return;
        files[name] = [...(files[name] ?? []), new Uint8Array(Buffer.concat(chunks))];
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new ApiError(400, { code: 'invalid_body', message: `${name}: too long.`, field: name }));
      fields[name] = value;
    });
    for (const event of ['filesLimit', 'fieldsLimit', 'partsLimit'] as const) {
      parser.on(event, () => fail(new ApiError(400, { code: 'invalid_form', message: errorMessage('upload_too_many_parts') })));
    }
    parser.on('error', () => fail(new ApiError(400, { code: 'invalid_form', message: errorMessage('upload_form_unreadable') })));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ files, fields });
    });

    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (settled) return;
          if (done) break;
          if (!parser.write(value)) await new Promise<void>((drained) => parser.once('drain', drained));
        }
        if (!settled) parser.end();
      } catch {
        fail(new ApiError(400, { code: 'invalid_form', message: errorMessage('upload_interrupted') }));
      }
    })();
  });
}
