/** Row types of the media library (migration 0004-media). */
export interface MediaTables {
  media: {
    id: string;
    cooperative_id: string;
    kind: string;
    mime_type: string;
    /** SHA-256 of the uploaded bytes: the file names, and re-uploads of the same file. */
    content_hash: string;
    bytes: number;
    width: number | null;
    height: number | null;
    /** JSON list of stored files: [{ key, mimeType, width, height, bytes, format }]. */
    files: string;
    /** JSON LocalizedText. */
    alt: string;
    transcript: string;
    caption: string;
    /** Playing time of an audio or video file as its container tells it (migration 0016); null when unknown, and for images. */
    duration_seconds: number | null;
    created_by: string | null;
    created_at: string;
    updated_at: string;
  };
}
