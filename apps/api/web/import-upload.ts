import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';

/** Largest record file the import page takes (a "Decision details" page is a few kB). */
export const IMPORT_FILE_LIMIT = 1024 * 1024;

/**
 * The import page's form is multipart (it may carry a file): multer parses it into req.body and req.file,
 * in memory, before the CSRF check reads the token from the body. One file, text fields only beside it.
 */
export function importUpload() {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: IMPORT_FILE_LIMIT, files: 1, fields: 10, fieldSize: IMPORT_FILE_LIMIT } }).single('file');
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
    upload(req, res, (error: unknown) => {
      if (!error) return next();
      // Too large, too many parts: a 400 page naming the file (the error filter shows it).
      const message = (error as { code?: string }).code === 'LIMIT_FILE_SIZE' ? 'The file is larger than 1 MB: upload one record at a time.' : `The form could not be read: ${(error as Error).message}`;
      next(Object.assign(new Error(message), { status: 400 }));
    });
  };
}

/** The uploaded record, if a non-empty file was chosen: its text, name and whether it is HTML. */
export function uploadedFile(req: Request): { content: string; name: string; format: 'text' | 'html' } | null {
  const file = (req as Request & { file?: { buffer: Buffer; originalname: string; mimetype: string; size: number } }).file;
  if (!file || file.size === 0) return null;
  const html = /\.html?$/i.test(file.originalname) || file.mimetype === 'text/html';
  return { content: file.buffer.toString('utf8'), name: file.originalname.slice(0, 200), format: html ? 'html' : 'text' };
}
