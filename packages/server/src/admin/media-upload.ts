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

/** A 413 that also closes the connection: the rest of the body is not read. */
function tooLarge(message: string): ApiError {
  return new ApiError(413, { code: 'file_too_large', message, field: 'file', headers: { Connection: 'close' } });
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
export function readMediaUpload(request: Request, limits: MediaLimits = DEFAULT_MEDIA_LIMITS): Promise<MediaUploadForm> {
  const largest = Math.max(limits.image, limits.audio, limits.video);
  const declared = Number(request.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > largest + FORM_OVERHEAD_BYTES) return Promise.reject(tooLarge(capMessage('Uploaded files', largest)));
  if (!request.body) return Promise.reject(new ApiError(400, { code: 'invalid_body', message: errorMessage('upload_file_missing'), field: 'file' }));
  const reader = request.body.getReader();

  return new Promise<MediaUploadForm>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': request.headers.get('content-type') ?? '' },
        limits: { files: 1, fields: 20, parts: 24, fieldSize: 64 * 1024, fileSize: largest + 1 },
      });
    } catch {
      reject(new ApiError(400, { code: 'invalid_form', message: errorMessage('upload_form_unreadable') }));
      return;
    }
    let settled = false;
    let file: Uint8Array | null = null;
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

    parser.on('file', (name, stream) => {
      if (name !== 'file' || file) {
        stream.on('error', () => undefined);
        stream.resume();
        return;
      }
      // Destroying the parser on refusal errors the file stream ("Unexpected end of file").
      stream.on('error', () => undefined);
      const chunks: Buffer[] = [];
      let size = 0;
      let cap = largest;
      let kindKnown = false;
      let kindName = 'Uploaded files';
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        chunks.push(chunk);
        if (!kindKnown && size >= SNIFF_BYTES) {
          kindKnown = true;
          const format = sniffMedia(Buffer.concat(chunks).subarray(0, SNIFF_BYTES));
          if (!format) return fail(new ApiError(415, { code: 'unsupported_media_type', message: errorMessage('upload_unsupported'), field: 'file' }));
          cap = limits[format.kind];
          kindName = { image: 'Images', audio: 'Audio files', video: 'Videos' }[format.kind];
        }
        if (size > cap) fail(tooLarge(capMessage(kindName, cap)));
      });
      stream.on('limit', () => fail(tooLarge(capMessage('Uploaded files', largest))));
      stream.on('end', () => {
        if (!settled) file = new Uint8Array(Buffer.concat(chunks));
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
      resolve({ file, fields });
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
